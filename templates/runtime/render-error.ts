import { EngineError, isEngineError } from '../../pipelines/contracts/errors.js';
import type { ErrorLocation } from '../../pipelines/contracts/errors.js';

/** Position of a node in a template file (1-based line and column). */
export interface SourceLoc {
  file: string;
  line: number;
  col: number;
}

const LOCATED = new WeakSet<object>();

/** A render-stage EngineError without location yet; {@link locateError} adds the node position. */
export function renderError(code: string, message: string, suggestion: string, cause?: unknown): EngineError {
  return new EngineError(code, message, { stage: 'render', suggestion, cause });
}

/** A template load/syntax error at a known position. */
export function templateError(code: string, message: string, location: ErrorLocation, suggestion: string): EngineError {
  const err = new EngineError(code, message, { stage: 'render', location, suggestion });
  LOCATED.add(err);
  return err;
}

/**
 * Returns `err` as an EngineError carrying the template position of the innermost node that failed
 * (msfc-compat §10: any other exception thrown while rendering becomes `render.error`).
 */
export function locateError(err: unknown, loc: SourceLoc): EngineError {
  if (typeof err === 'object' && err !== null && LOCATED.has(err)) return err as EngineError;
  let located: EngineError;
  if (isEngineError(err)) {
    located = new EngineError(err.code, err.message, {
      stage: err.stage,
      retryable: err.retryable,
      location: { ...err.location, file: loc.file, line: loc.line, col: loc.col },
      suggestion: err.suggestion,
      ref: err.ref,
      cause: err.cause,
    });
  } else {
    const reason = err instanceof Error ? err.name : 'unknown failure';
    located = new EngineError('render.error', `Error happened when rendering templates: ${reason}`, {
      stage: 'render',
      location: { file: loc.file, line: loc.line, col: loc.col },
      suggestion: 'Check the template expression at this position and the shape of the data it reads.',
      cause: err,
    });
  }
  LOCATED.add(located);
  return located;
}
