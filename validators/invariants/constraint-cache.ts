import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import type { ConstraintInfo } from '../model/element-table.js';

/** A compiled invariant, or the reason it is not evaluated. */
export type CompiledConstraint = { run: (node: unknown, env: Record<string, unknown>) => unknown[] } | { skipped: string };

/**
 * Invariants that need data the validator does not have (resolve(), terminology, profiles) or functions that
 * fhirpath.js lacks; listed in docs/validator.md.
 */
export const UNSUPPORTED_PATTERNS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /resolve\(\)/, reason: 'needs resolve() of referenced resources' },
  { pattern: /conformsTo\(/, reason: 'needs profile conformance' },
  { pattern: /memberOf\(/, reason: 'needs a terminology server' },
  { pattern: /htmlChecks\(/, reason: 'xhtml content checks are not implemented by fhirpath.js' },
];

/** Keys checked by another family with a more precise location (references: bdl-3, bdl-7). */
export const DELEGATED_KEYS: ReadonlySet<string> = new Set(['bdl-3', 'bdl-7']);

function ignoreTrace(): void {}

/** Compiles each (base, expression) once and caches it. */
export class ConstraintCache {
  private readonly compiled = new Map<string, CompiledConstraint>();

  get(base: string, c: ConstraintInfo): CompiledConstraint {
    const key = base + '\u0000' + c.expression;
    let hit = this.compiled.get(key);
    if (!hit) {
      hit = this.compile(base, c);
      this.compiled.set(key, hit);
    }
    return hit;
  }

  private compile(base: string, c: ConstraintInfo): CompiledConstraint {
    if (DELEGATED_KEYS.has(c.key)) return { skipped: 'checked by the references validator' };
    const unsupported = UNSUPPORTED_PATTERNS.find((u) => u.pattern.test(c.expression));
    if (unsupported) return { skipped: unsupported.reason };
    try {
      const fn = fhirpath.compile({ base, expression: c.expression }, r4model, { traceFn: ignoreTrace });
      return { run: (node, env) => fn(node, env) as unknown[] };
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
