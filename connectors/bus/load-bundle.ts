import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../../pipelines/contracts/errors.js';
import type { BundleEvent, BundleRef } from './bus-event.js';
import { storedBundlePath } from './bundle-store.js';

/** Options of {@link loadBundle}. */
export interface LoadBundleOptions {
  /** The sink's `store` folder as mounted on this machine, when its path differs from the one in the URI. */
  storeDir?: string;
}

function missing(event: BundleEvent, file: string, why: string): EngineError {
  return new EngineError('sink.bus.bundle-missing', `Bundle of event ${event.key} not found (${why})`, {
    stage: 'sink',
    location: { file },
    suggestion: "Mount the bus sink's store folder on the subscriber's machine (pass storeDir when its path differs), and keep files for at least the bus retention.",
  });
}

function corrupt(event: BundleEvent, file: string, why: string): EngineError {
  return new EngineError('sink.bus.bundle-corrupt', `Bundle of event ${event.key} is corrupt (${why})`, {
    stage: 'sink',
    location: { file },
    suggestion: "The stored file does not match the event's sha256: restore the store folder or replay the run after re-running the pipeline.",
  });
}

function pathOf(event: BundleEvent, ref: BundleRef, options: LoadBundleOptions): string {
  if (options.storeDir) return storedBundlePath(options.storeDir, ref.sha256);
  if (!ref.uri.startsWith('file:')) throw missing(event, ref.uri, 'not a file: URI');
  return fileURLToPath(ref.uri);
}

/**
 * Returns the bundle of an event: the inline `bundle`, or the stored file of a pointer event after checking its
 * size and SHA-256. Throws `sink.bus.bundle-missing` or `sink.bus.bundle-corrupt` (permanent) otherwise.
 */
export async function loadBundle(event: BundleEvent, options: LoadBundleOptions = {}): Promise<Record<string, unknown>> {
  if (event.bundle) return event.bundle;
  const ref = event.bundleRef;
  if (!ref) throw corrupt(event, '', 'the event has neither bundle nor bundleRef');
  const file = pathOf(event, ref, options);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw missing(event, file, (err as { code?: string }).code ?? 'unreadable');
  }
  if (bytes.length !== ref.bytes) throw corrupt(event, file, `${bytes.length} bytes, expected ${ref.bytes}`);
  if (createHash('sha256').update(bytes).digest('hex') !== ref.sha256) throw corrupt(event, file, 'sha256 mismatch');
  return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
}
