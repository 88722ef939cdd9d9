import { isMap, isNode } from 'yaml';
import type { Document, LineCounter } from 'yaml';

/** A config path as keys and indexes, e.g. `['sinks', 0, 'typ']`. */
export type ConfigPath = (string | number)[];

/** Renders a path as `sinks[0].typ`. */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** Converts an ajv instancePath (`/sinks/0/path`) under a prefix into a path. */
export function pathFromPointer(prefix: ConfigPath, pointer: string): ConfigPath {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return [...prefix, ...parts];
}

/**
 * 1-based line and column of a config path in the YAML text: the key itself when `asKey` (unknown keys), else the
 * value; falls back to the nearest existing parent.
 */
export function positionOf(doc: Document, counter: LineCounter, path: ConfigPath, asKey = false): { line: number; col: number } | undefined {
  if (asKey && path.length > 0) {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === path[path.length - 1]);
      const range = pair && isNode(pair.key) ? pair.key.range : undefined;
      if (range) return counter.linePos(range[0]);
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]);
  }
  return undefined;
}
