import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../contracts/errors.js';

/** One input to convert: a file path, or `-` for standard input. */
export interface InputRef {
  path: string;
}

const SKIPPED_NAMES = new Set(['.DS_Store', 'Thumbs.db']);

/**
 * Expands the CLI's input arguments (files, directories, `-`) into a sorted list of files.
 * Directories are walked recursively; hidden files and `*.json` outputs are skipped.
 */
export function expandInputs(args: string[]): InputRef[] {
  const out: InputRef[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push({ path: '-' });
      continue;
    }
    let stats;
    try {
      stats = statSync(arg);
    } catch {
      throw new EngineError('cli.input-not-found', `Input not found: ${arg}`, {
        stage: 'cli',
        location: { file: arg },
        suggestion: 'Check the path; inputs are files, directories, or - for standard input.',
      });
    }
    if (stats.isDirectory()) out.push(...walk(arg));
    else out.push({ path: arg });
  }
  return out;
}

function walk(dir: string): InputRef[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const out: InputRef[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_NAMES.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile() && !/\.(json|ndjson|md|yaml|yml)$/i.test(entry.name)) out.push({ path: full });
  }
  return out;
}
