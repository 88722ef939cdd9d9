import { isAbsolute, relative } from 'node:path';
import { EngineError } from '../contracts/errors.js';

/**
 * The error with its template file named relative to the first of `roots` that holds it (`broken/ADT_A01.liquid`,
 * `hl7v2/ADT_A01.liquid`), so HTTP clients see where the problem is without the server's folder layout.
 */
export function withPublicLocation(err: EngineError, roots: string[]): EngineError {
  const file = err.location?.file;
  if (!file || !isAbsolute(file)) return err;
  const root = roots.find((r) => {
    const rel = relative(r, file);
    return !rel.startsWith('..') && !isAbsolute(rel);
  });
  const shown = root ? relative(root, file) : file.split(/[\\/]/).pop();
  return new EngineError(err.code, err.message, {
    stage: err.stage,
    retryable: err.retryable,
    location: { ...err.location, file: shown },
    suggestion: err.suggestion,
    ref: err.ref,
  });
}
