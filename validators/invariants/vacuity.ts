import type { TypeTable } from '../model/element-table.js';

/**
 * Decides, once per (base, expression), when a constraint is vacuously true: if the expression only navigates
 * through named children of its base and evaluates to true on an empty element, then any instance holding none of
 * those children gives the same result, and evaluation can be skipped. Expressions using environment variables,
 * `$this`, reflective functions or type tests are never skipped.
 */
export interface VacuityGuard {
  /** Child element names (JSON base names, choice names without suffix) the expression refers to. */
  names: ReadonlySet<string>;
  choiceNames: readonly string[];
}

const UNSAFE = /%|\$this|children\(|descendants\(|hasValue\(|repeat\(|ofType\(|\bas\(|\bis\(|\bis\b|\bas\b|type\(|resolve\(/;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Builds the guard of an expression over a base, or undefined when the expression is not safely skippable. */
export function buildVacuityGuard(expression: string, table: TypeTable | undefined, childrenPath: string): VacuityGuard | undefined {
  if (UNSAFE.test(expression) || !table) return undefined;
  const children = table.children.get(childrenPath);
  if (!children) return undefined;
  const baseNames = new Map<string, boolean>();
  for (const ref of children.values()) baseNames.set(ref.element.name, ref.element.choice);
  const names = new Set<string>();
  const choiceNames: string[] = [];
  for (const m of expression.matchAll(IDENTIFIER)) {
    const choice = baseNames.get(m[0]);
    if (choice === undefined) continue;
    names.add(m[0]);
    if (choice) choiceNames.push(m[0]);
  }
  return { names, choiceNames };
}

/** True when the object holds none of the guard's children. */
export function holdsNoneOf(value: Record<string, unknown>, guard: VacuityGuard): boolean {
  for (const raw of Object.keys(value)) {
    const key = raw.charCodeAt(0) === 95 ? raw.slice(1) : raw;
    if (guard.names.has(key)) return false;
    for (const c of guard.choiceNames) if (key.startsWith(c)) return false;
  }
  return true;
}
