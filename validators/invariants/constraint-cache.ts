import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import type { ConstraintInfo, TypeTable } from '../model/element-table.js';
import { NARRATIVE_KEYS } from './narrative/check-narrative.js';
import { compileSimple } from './simple-fhirpath.js';
import type { SimplePredicate } from './simple-fhirpath.js';
import { buildVacuityGuard, holdsNoneOf } from './vacuity.js';
import type { VacuityGuard } from './vacuity.js';

/** A compiled invariant, or the reason it is not evaluated. */
export type CompiledConstraint =
  | { run: (node: unknown, env: Record<string, unknown>) => unknown[]; vacuous: VacuityGuard | undefined; simple: SimplePredicate | undefined }
  | { skipped: string };

/**
 * Invariants that need data the validator does not have (resolve(), terminology, profiles) or functions that
 * fhirpath.js lacks; listed in docs/validator.md.
 */
export const UNSUPPORTED_PATTERNS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /resolve\(\)/, reason: 'needs resolve() of referenced resources' },
  { pattern: /conformsTo\(/, reason: 'needs profile conformance' },
  { pattern: /memberOf\(/, reason: 'needs a terminology server' },
];

/** Keys checked by another family with a more precise location (references: bdl-3, bdl-7). */
export const DELEGATED_KEYS: ReadonlySet<string> = new Set(['bdl-3', 'bdl-7', 'ref-1']);

function ignoreTrace(): void {}

function safeRun(run: (node: unknown, env: Record<string, unknown>) => unknown[], node: unknown): unknown[] {
  try {
    return run(node, {});
  } catch {
    return [];
  }
}

function isTrue(result: unknown[]): boolean {
  return result.length === 1 && result[0] === true;
}

/** Core constraints that are true whenever the named child is absent (their expressions navigate it first). */
const GATED_BY_CHILD: Record<string, string> = { 'dom-2': 'contained', 'dom-3': 'contained', 'dom-4': 'contained', 'dom-5': 'contained' };

/** The child whose absence makes the constraint true (`contained` for dom-2..dom-5), undefined for others. */
export function gateOf(key: string): string | undefined {
  return Object.hasOwn(GATED_BY_CHILD, key) ? GATED_BY_CHILD[key] : undefined;
}

/** True when the instance holds none of the children the (vacuously true) constraint reads. */
export function isVacuous(compiled: CompiledConstraint, value: Record<string, unknown>): boolean {
  return 'run' in compiled && compiled.vacuous !== undefined && holdsNoneOf(value, compiled.vacuous);
}

/** Compiles each (base, expression) once and caches it. */
export class ConstraintCache {
  private readonly compiled = new Map<string, CompiledConstraint>();
  private readonly byConstraint = new WeakMap<ConstraintInfo, CompiledConstraint>();
  private typeSuffixes: ReadonlySet<string> = new Set();

  /** True once {@link useTypeNames} has been given the type names. */
  hasTypeNames(): boolean {
    return this.typeSuffixes.size > 0;
  }

  /** Sets the capitalised type names that may follow a choice element name (`valueQuantity`). */
  useTypeNames(names: Iterable<string>): void {
    if (this.typeSuffixes.size > 0) return;
    this.typeSuffixes = new Set([...names].map((n) => n.charAt(0).toUpperCase() + n.slice(1)));
  }

  get(base: string, c: ConstraintInfo, table: TypeTable | undefined, childrenPath: string): CompiledConstraint {
    const direct = this.byConstraint.get(c);
    if (direct) return direct;
    const key = base + '\u0000' + c.expression;
    let hit = this.compiled.get(key);
    if (!hit) {
      hit = this.compile(base, c, table, childrenPath);
      this.compiled.set(key, hit);
    }
    this.byConstraint.set(c, hit);
    return hit;
  }

  private compile(base: string, c: ConstraintInfo, table: TypeTable | undefined, childrenPath: string): CompiledConstraint {
    if (DELEGATED_KEYS.has(c.key)) return { skipped: 'checked by the references validator' };
    if (NARRATIVE_KEYS.has(c.key)) return { skipped: 'checked natively on Narrative.div (invariants/narrative)' };
    const unsupported = UNSUPPORTED_PATTERNS.find((u) => u.pattern.test(c.expression));
    if (unsupported) return { skipped: unsupported.reason };
    try {
      const fn = fhirpath.compile({ base, expression: c.expression }, r4model, { traceFn: ignoreTrace });
      const run = (node: unknown, env: Record<string, unknown>): unknown[] => fn(node, env) as unknown[];
      const guard = buildVacuityGuard(c.expression, table, childrenPath);
      const vacuous = guard && isTrue(safeRun(run, {})) ? guard : undefined;
      const simple = compileSimple(c.expression, (suffix) => this.typeSuffixes.has(suffix));
      return { run, vacuous, simple };
    } catch {
      return { skipped: 'expression does not compile in fhirpath.js' };
    }
  }

  /** Keys of the constraints met so far that are not evaluated, with the reason. */
  skipped(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, v] of this.compiled) if ('skipped' in v) out.set(key.split('\u0000')[1], v.skipped);
    return out;
  }
}
