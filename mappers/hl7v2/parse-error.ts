import { EngineError } from '../../pipelines/contracts/errors.js';
import type { ErrorLocation } from '../../pipelines/contracts/errors.js';

/** Stable codes of HL7v2 input failures (msfc-compat §10: surfaced by the reference as InputParsingError). */
export const HL7_PARSE_CODES = {
  empty: 'parse.hl7.empty',
  binary: 'parse.hl7.binary',
  missingMsh: 'parse.hl7.missing-msh',
  truncatedMsh: 'parse.hl7.truncated-msh',
  badDelimiters: 'parse.hl7.bad-delimiters',
  badEscape: 'parse.hl7.bad-escape',
  badEnvelope: 'parse.hl7.bad-envelope',
} as const;

export type Hl7ParseCode = (typeof HL7_PARSE_CODES)[keyof typeof HL7_PARSE_CODES];

/** Builds the parse-stage EngineError for an HL7v2 input problem. Never puts message content in the text. */
export function hl7ParseError(
  code: Hl7ParseCode,
  message: string,
  location: ErrorLocation,
  suggestion: string,
): EngineError {
  return new EngineError(code, message, { stage: 'parse', location, suggestion, ref: 'docs/hl7v2-parser.md' });
}
