/** A JSON location: object keys and array indexes from the root. */
export type KeyPath = (string | number)[];

const SEGMENT = /^([^[]+)((?:\[\d+\])*)$/;

/** Converts an instance FHIRPath (`Bundle.entry[0].resource.name[1].given[0]`) into a JSON key path. */
export function expressionToKeyPath(expression: string): KeyPath {
  const parts = expression.split('.').slice(1);
  const out: KeyPath = [];
  for (const part of parts) {
    const m = SEGMENT.exec(part);
    if (!m) throw new Error(`unsupported expression segment ${part}`);
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Replaces the value at `path` inside `root` (mutates `root`); `undefined` deletes an object key. */
export function setAtPath(root: unknown, path: KeyPath, value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(cur)) delete cur[last];
  else cur[last] = value;
}

/** Reads the value at `path`. */
export function getAtPath(root: unknown, path: KeyPath): unknown {
  let cur = root as Record<string | number, unknown> | undefined;
  for (const key of path) cur = cur?.[key] as Record<string | number, unknown> | undefined;
  return cur;
}
