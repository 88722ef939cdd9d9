import { EngineError, isEngineError } from '../contracts/errors.js';
import type { SourceRef } from '../contracts/mapper.js';

/** Wraps anything thrown during conversion as an EngineError that names the input; keeps EngineErrors' codes. */
export function toEngineError(err: unknown, source: SourceRef): EngineError {
  if (isEngineError(err)) {
    if (err.location?.file === source.name || !(err instanceof EngineError)) return err;
    return new EngineError(err.code, err.message, {
      stage: err.stage,
      retryable: err.retryable,
      location: { ...err.location, record: err.location?.record ?? source.record, ...inputFile(err, source) },
      suggestion: err.suggestion,
      ref: err.ref,
      cause: err.cause,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new EngineError('internal.unexpected', `Unexpected failure: ${message}`, {
    stage: 'render',
    location: { file: source.name, record: source.record },
    suggestion: 'This is a bug in the engine; report it with the error code and position (not the message contents).',
    cause: err,
  });
}

function inputFile(err: EngineError, source: SourceRef): { input?: string; file?: string } {
  return err.stage === 'parse' ? { file: source.name } : { input: source.name };
}
