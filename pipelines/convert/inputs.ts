import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../contracts/errors.js';

/** One input to convert: a file path, or `-` for standard input. */
export interface InputRef {
  path: string;
}

const SKIPPED_NAMES = new Set(['.DS_Store', 'Thumbs.db']);

/** Inputs to convert, and the files found under directories that were left out (named so nothing goes unseen). */
export interface ExpandedInputs {
  inputs: InputRef[];
  skipped: string[];
}

const NOT_SOURCE_DATA = /\.(json|ndjson|md|yaml|yml)$/i;

/**
 * Expands the CLI's input arguments (files, directories, `-`) into a sorted list of files.
 * Directories are walked recursively; hidden files, FHIR/JSON outputs, docs and pipeline files found there are
 * listed in `skipped`. A file named explicitly is always an input.
 */
export function expandInputs(args: string[]): ExpandedInputs {
  const out: InputRef[] = [];
  const skipped: string[] = [];
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
    if (stats.isDirectory()) walk(arg, out, skipped);
    else out.push({ path: arg });
  }
  return { inputs: out, skipped };
}

function walk(dir: string, out: InputRef[], skipped: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.name.startsWith('.') || SKIPPED_NAMES.has(entry.name)) {
      if (entry.isFile() && !SKIPPED_NAMES.has(entry.name)) skipped.push(full);
      continue;
    }
    if (entry.isDirectory()) walk(full, out, skipped);
    else if (!entry.isFile()) continue;
    else if (NOT_SOURCE_DATA.test(entry.name)) skipped.push(full);
    else out.push({ path: full });
  }
}
