/** Deep equality of JSON values (fixed[x], R4 ElementDefinition.fixed). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEquals(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => jsonEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/**
 * Pattern matching (R4 ElementDefinition.pattern[x]): every property of the pattern must be present in the value;
 * each pattern array item must match some item of the value array.
 */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) return Array.isArray(value) && pattern.every((p) => value.some((v) => matchesPattern(v, p)));
  if (pattern && typeof pattern === 'object') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    return Object.entries(pattern).every(([k, p]) => matchesPattern((value as Record<string, unknown>)[k], p));
  }
  return value === pattern;
}

/** A `fixed[x]` or `pattern[x]` value of an element definition. */
export interface ValueConstraint {
  kind: 'fixed' | 'pattern';
  value: unknown;
}

const constraintsByDef = new WeakMap<object, ValueConstraint | null>();

function findValueConstraint(def: Record<string, unknown>): ValueConstraint | null {
  for (const key of Object.keys(def)) {
    if (key.startsWith('fixed') && key.length > 5) return { kind: 'fixed', value: def[key] };
    if (key.startsWith('pattern') && key.length > 7) return { kind: 'pattern', value: def[key] };
  }
  return null;
}

/** The `fixed[x]` / `pattern[x]` constraint of an element definition, if any (found once per definition object). */
export function valueConstraint(def: Record<string, unknown>): ValueConstraint | undefined {
  let hit = constraintsByDef.get(def);
  if (hit === undefined) {
    hit = findValueConstraint(def);
    constraintsByDef.set(def, hit);
  }
  return hit ?? undefined;
}
