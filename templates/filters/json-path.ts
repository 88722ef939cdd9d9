import { isMapping } from '../runtime/values.js';
import { createArgumentError } from './filter-error.js';

/**
 * The JSONPath subset of `evaluate`/`get_object` (msfc-compat §7.1): an optional `$` root, then any sequence of
 * `.name`, `['name']` / `["name"]`, `[n]` (non-negative index), and `[*]` / `.*` wildcards. A leading name without
 * `$` is allowed (`a.b`). Recursive descent (`..`), slices, unions and filter expressions are not supported.
 * Missing members and out-of-range indices select nothing, as Newtonsoft `SelectTokens` does.
 */

type PathStep = { name: string } | { index: number } | { wildcard: true };

const STEP = /\.([^.[\]\s]+)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]|\[\s*\*\s*\]/y;
const COMPILED = new Map<string, PathStep[]>();
const COMPILED_LIMIT = 512;

function unsupported(filter: string, offset: number): Error {
  return createArgumentError(
    filter,
    `unsupported JSONPath syntax at offset ${offset}`,
    "Use $.name, $['name'], $.list[0] or [*] steps; recursive descent, slices and filters are not supported.",
  );
}

function toStep(m: RegExpExecArray): PathStep {
  if (m[1] !== undefined) return m[1] === '*' ? { wildcard: true } : { name: m[1] };
  if (m[2] !== undefined || m[3] !== undefined) return { name: (m[2] ?? m[3]).replace(/\\(.)/g, '$1') };
  if (m[4] !== undefined) return { index: Number(m[4]) };
  return { wildcard: true };
}

/** Compiles (and caches) a path into steps; throws `render.filter-argument` for syntax outside the subset. */
export function compileJsonPath(path: string, filter: string): PathStep[] {
  const cached = COMPILED.get(path);
  if (cached) return cached;
  const trimmed = path.trim();
  let source = trimmed.startsWith('$') ? trimmed.slice(1) : trimmed;
  if (source !== '' && !source.startsWith('.') && !source.startsWith('[')) source = '.' + source;
  const steps: PathStep[] = [];
  STEP.lastIndex = 0;
  while (STEP.lastIndex < source.length) {
    const start = STEP.lastIndex;
    const m = STEP.exec(source);
    if (!m) throw unsupported(filter, start);
    steps.push(toStep(m));
  }
  if (COMPILED.size >= COMPILED_LIMIT) COMPILED.clear();
  COMPILED.set(path, steps);
  return steps;
}

function applyStep(value: unknown, step: PathStep): unknown[] {
  if ('name' in step) return isMapping(value) && Object.hasOwn(value, step.name) ? [value[step.name]] : [];
  if ('index' in step) return Array.isArray(value) && step.index < value.length ? [value[step.index]] : [];
  if (Array.isArray(value)) return value;
  return isMapping(value) ? Object.values(value) : [];
}

/** All values `path` selects in `root`, in document order. */
export function selectJsonPath(root: unknown, path: string, filter: string): unknown[] {
  let current = [root];
  for (const step of compileJsonPath(path, filter)) {
    current = current.flatMap((value) => applyStep(value, step));
  }
  return current;
}
