import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../templates/collections.js';

/** The shared sample corpus beside the repository, or undefined when it is absent (clean clones, CI elsewhere). */
export function sharedCorpusDir(): string | undefined {
  const dir = process.env.INGEST_CORPUS ?? join(packageRoot(), '..', 'shared', 'corpus');
  return existsSync(dir) ? dir : undefined;
}
