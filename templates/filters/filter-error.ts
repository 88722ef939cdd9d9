import { EngineError } from '../../pipelines/contracts/index.js';

/** Stable error codes raised by the converter filters (msfc-compat §10, render stage). */
export const FILTER_ERROR_CODES = {
  invalidDateTimeFormat: 'render.invalid-date-time-format',
  invalidTimeZoneHandling: 'render.invalid-time-zone-handling',
  invalidIdGenerationInput: 'render.invalid-id-generation-input',
  filterArgument: 'render.filter-argument',
  hostTimeZone: 'render.invalid-host-time-zone',
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
