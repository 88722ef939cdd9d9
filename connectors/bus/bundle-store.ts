import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BundleRef } from './bus-event.js';

/** Path of the stored bundle with this SHA-256 under a store folder: `<dir>/<sha[0..2]>/<sha>.json`. */
export function storedBundlePath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), `${sha256}.json`);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function sameSize(file: string, bytes: number): Promise<boolean> {
  try {
    return (await stat(file)).size === bytes;
  } catch {
    return false;
  }
}

/**
 * Writes bundle bytes once into a content-addressed store and returns the pointer. The file appears atomically
 * (temp file, fsync, rename, fsync of the folder), so a reader never sees a partial bundle; identical bytes are
 * stored once.
 */
export async function storeBundle(dir: string, json: Buffer): Promise<BundleRef> {
  const sha256 = createHash('sha256').update(json).digest('hex');
  const file = storedBundlePath(dir, sha256);
  if (!(await sameSize(file, json.length))) {
    const sub = join(dir, sha256.slice(0, 2));
    const created = await mkdir(sub, { recursive: true });
    const tmp = join(sub, `.${sha256}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(json);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    await syncDir(sub);
    if (created) await syncDir(dir);
  }
  return { uri: pathToFileURL(file).href, sha256, bytes: json.length };
}
