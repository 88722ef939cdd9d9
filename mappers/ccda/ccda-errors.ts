import { EngineError } from '../../pipelines/contracts/index.js';
import type { ErrorLocation } from '../../pipelines/contracts/index.js';

/** Stable error codes of the C-CDA parser (msfc-compat §10: all surface as InputParsingError 1201 / 1202). */
export const CCDA_ERROR_CODES = {
  empty: 'parse.ccda.empty',
  malformed: 'parse.ccda.malformed',
  dtdForbidden: 'parse.ccda.dtd-forbidden',
  tooDeep: 'parse.ccda.too-deep',
  tooLarge: 'parse.ccda.too-large',
} as const;

export type CcdaErrorCode = (typeof CCDA_ERROR_CODES)[keyof typeof CCDA_ERROR_CODES];

/** Builds a permanent parse-stage error; `message` must never contain document contents. */
export function ccdaError(
  code: CcdaErrorCode,
  message: string,
  location: ErrorLocation | undefined,
  suggestion: string,
): EngineError {
  return new EngineError(code, message, { stage: 'parse', retryable: false, location, suggestion, ref: 'docs/ccda-model.md' });
}
