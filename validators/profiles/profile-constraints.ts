import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import { UNSUPPORTED_PATTERNS } from '../invariants/constraint-cache.js';
import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import type { ElementDefinitionJson } from '../model/fhir-definitions.js';
import { makeIssue } from '../model/issue.js';
import type { Instance, ProfileCheckEnv } from './profile-context.js';

type Compiled = ((node: unknown) => unknown[]) | null;

interface ProfileConstraint {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression: string;
}

let coreKeys: ReadonlySet<string> | undefined;
const compiled = new Map<string, Compiled>();
const constraintsByDef = new WeakMap<object, ProfileConstraint[]>();

function noTrace(): void {}

/** Constraint keys of the core R4 definitions (checked by the invariants family, never again per profile). */
function coreConstraintKeys(): ReadonlySet<string> {
  if (coreKeys) return coreKeys;
  const keys = new Set<string>();
  for (const sd of loadCoreDefinitions().structureDefinitions) {
    for (const el of sd.snapshot?.element ?? []) for (const c of el.constraint ?? []) keys.add(c.key);
  }
  coreKeys = keys;
  return keys;
}

function ownConstraints(def: ElementDefinitionJson): ProfileConstraint[] {
  let hit = constraintsByDef.get(def);
  if (hit) return hit;
  const core = coreConstraintKeys();
  hit = (def.constraint ?? []).flatMap((c) =>
    c.expression && !core.has(c.key) && !UNSUPPORTED_PATTERNS.some((u) => u.pattern.test(c.expression ?? ''))
      ? [{ key: c.key, severity: c.severity === 'warning' ? ('warning' as const) : ('error' as const), human: c.human, expression: c.expression }]
      : [],
  );
  constraintsByDef.set(def, hit);
  return hit;
}

function compile(base: string, expression: string): Compiled {
  const cacheKey = `${base}\u0000${expression}`;
  const cached = compiled.get(cacheKey);
  if (cached !== undefined) return cached;
  let fn: Compiled = null;
  try {
    const run = fhirpath.compile({ base, expression }, r4model, { traceFn: noTrace });
    fn = (node) => run(node as never, {}) as unknown[];
  } catch {
    fn = null;
  }
  compiled.set(cacheKey, fn);
  return fn;
}

function failed(result: unknown[]): boolean {
  return result.length === 1 && result[0] === false;
}

/**
 * FHIRPath constraints a profile adds to an element (keys unknown to the core definitions: us-core-*, vs-*),
 * evaluated on one instance; a choice instance is typed by its key suffix.
 */
export function checkProfileConstraints(def: ElementDefinitionJson, inst: Instance, env: ProfileCheckEnv): void {
  const own = ownConstraints(def);
  if (own.length === 0) return;
  const base = inst.type ?? def.path.replace('[x]', '');
  for (const c of own) {
    const fn = compile(base, c.expression);
    let result: unknown[] = [];
    try {
      result = fn ? fn(inst.value) : [];
    } catch {
      result = [];
    }
    if (failed(result)) env.out.push(makeIssue(c.severity, 'invariant', c.key, `Constraint ${c.key} of ${env.profileUrl} failed: ${c.human}`, inst.expression));
  }
}
