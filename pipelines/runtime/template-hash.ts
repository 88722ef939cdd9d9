import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

/** SHA-256 (hex, first 16 chars) over the relative paths and bytes of every file in the template folders, in order. */
export function hashTemplateCollection(dirs: string[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    hash.update(`dir\0${dirs.indexOf(dir)}\0`);
    for (const file of filesUnder(dir).sort()) {
      hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}
