import { EngineError } from '../../pipelines/contracts/index.js';
import type { JsonWriteProblem } from '../runtime/newtonsoft-json.js';
import { Drop } from '../runtime/values.js';

/** Stable error codes raised by the converter filters (msfc-compat §10, render stage). */
export const FILTER_ERROR_CODES = {
  invalidDateTimeFormat: 'render.invalid-date-time-format',
  invalidTimeZoneHandling: 'render.invalid-time-zone-handling',
  invalidIdGenerationInput: 'render.invalid-id-generation-input',
  filterArgument: 'render.filter-argument',
} as const;

export type FilterErrorCode = (typeof FILTER_ERROR_CODES)[keyof typeof FILTER_ERROR_CODES];

/**
 * Builds the render-stage EngineError a filter throws. Messages never quote input values (PHI): they name the
 * filter and describe the shape of the problem; the engine adds the template file/line.
 */
export function createFilterError(
  code: FilterErrorCode,
  filter: string,
  message: string,
  suggestion: string,
  ref = 'msfc-compat §7',
): EngineError {
  return new EngineError(code, `${filter}: ${message}`, { stage: 'render', suggestion, ref, location: { path: filter } });
}

/** Shorthand for a `render.filter-argument` error. */
export function createArgumentError(filter: string, message: string, suggestion: string): EngineError {
  return createFilterError(FILTER_ERROR_CODES.filterArgument, filter, message, suggestion);
}

const MAX_JSON_DEPTH = 64;

function rejectJsonValue(problem: JsonWriteProblem, value: unknown): Error {
  if (problem === 'too-deep') {
    const message = `value nests deeper than ${MAX_JSON_DEPTH} levels`;
    return createArgumentError('to_json_string', message, 'Serialise a smaller part of the data.');
  }
  const kind = value instanceof Drop ? 'an HL7 data object' : `a ${typeof value} value`;
  return createArgumentError(
    'to_json_string',
    `${kind} cannot be serialised to JSON`,
    'Serialise mappings, lists and primitive values (e.g. C-CDA or JSON data), not HL7 segments or fields.',
  );
}

/** Writer options of `to_json_string`/`get_object`: nesting limited to 64, unsupported values are errors. */
export const FILTER_JSON_OPTIONS = { maxDepth: MAX_JSON_DEPTH, reject: rejectJsonValue } as const;
