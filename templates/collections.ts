import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@moonlitic/ingest';

/** Root folder of the installed package (works from sources and from `dist/`). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === PACKAGE_NAME) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package root of ${PACKAGE_NAME} not found`);
    dir = parent;
  }
}

/** Folder of the built-in template collection for a format (`templates/hl7v2`, `templates/ccda`). */
export function builtInCollectionDir(format: string): string {
  return join(packageRoot(), 'templates', format);
}
