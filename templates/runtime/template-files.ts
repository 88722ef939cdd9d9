import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CODE_MAPPING_KEY = /(^|\/)(CodeSystem\/CodeSystem|ValueSet\/ValueSet)$/i;

/**
 * Relative file path of a template key under the directory provider (msfc-compat §2.2): `X` → `X.liquid`,
 * `A/B/X` → `A/B/_X.liquid`, code mappings → `…/CodeSystem.json`, `.schema.json` keys verbatim.
 * Keys with empty, `.` or `..` segments resolve to nothing.
 */
export function keyToRelativePath(key: string): string | undefined {
  const segments = key.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..') || key.includes('\\')) return undefined;
  if (CODE_MAPPING_KEY.test(key) || key.endsWith('.schema.json')) return key.endsWith('.json') ? key : `${key}.json`;
  if (segments.length === 1) return `${key}.liquid`;
  const last = segments.pop() as string;
  return `${segments.join('/')}/_${last}.liquid`;
}

/** A template file found in one of the layered folders. */
export interface FoundFile {
  path: string;
  text: string;
}

/** Reads `relative` from the first folder that has it (highest priority first); UTF-8, BOM stripped. */
export function readLayered(dirs: readonly string[], relative: string): FoundFile | undefined {
  for (const dir of dirs) {
    const path = join(dir, relative);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') continue;
      throw err;
    }
    return { path, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  return undefined;
}

/** Key with the root template parent path applied (msfc-compat §2.3). */
export function withParentPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}
