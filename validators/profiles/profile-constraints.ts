import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import { UNSUPPORTED_PATTERNS } from '../invariants/constraint-cache.js';
import { compileSimple } from '../invariants/simple-fhirpath.js';
import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import type { ElementDefinitionJson } from '../model/fhir-definitions.js';
import { makeIssue } from '../model/issue.js';
import type { Instance, ProfileCheckEnv } from './profile-context.js';

type Compiled = ((node: unknown) => unknown[]) | null;

/** A constraint compiled once: a JSON predicate when it has one (undefined result: ask fhirpath.js), else fhirpath.js. */
interface CompiledConstraint {
  fast: ((node: unknown) => boolean | undefined) | undefined;
  run: Compiled;
}

/** `($this as dateTime).toString().length() >= 8` (vs-1, us-core-1): a dateTime string of at least 8 characters; other types pass. */
const AT_LEAST_DAY = '($this as dateTime).toString().length() >= 8';

interface ProfileConstraint {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression: string;
  /** Compiled forms by evaluation base type (filled on first use). */
  byBase: Map<string, CompiledConstraint>;
}

let coreKeys: ReadonlySet<string> | undefined;
let typeSuffixes: ReadonlySet<string> | undefined;
const compiled = new Map<string, CompiledConstraint>();
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

function isTypeSuffix(suffix: string): boolean {
  typeSuffixes ??= new Set(loadCoreDefinitions().structureDefinitions.map((sd) => sd.type.charAt(0).toUpperCase() + sd.type.slice(1)));
  return typeSuffixes.has(suffix);
}

function fastPredicate(base: string, expression: string): ((node: unknown) => boolean | undefined) | undefined {
  if (expression === AT_LEAST_DAY) return base === 'dateTime' ? (v) => (typeof v === 'string' ? v.length >= 8 : undefined) : () => true;
  const simple = compileSimple(expression, isTypeSuffix);
  return simple ? (v) => (v && typeof v === 'object' && !Array.isArray(v) ? simple(v as Record<string, unknown>) : undefined) : undefined;
}

function ownConstraints(def: ElementDefinitionJson): ProfileConstraint[] {
  let hit = constraintsByDef.get(def);
  if (hit) return hit;
  const core = coreConstraintKeys();
  hit = (def.constraint ?? []).flatMap((c) =>
    c.expression && !core.has(c.key) && !UNSUPPORTED_PATTERNS.some((u) => u.pattern.test(c.expression ?? ''))
      ? [{ key: c.key, severity: c.severity === 'warning' ? ('warning' as const) : ('error' as const), human: c.human, expression: c.expression, byBase: new Map() }]
      : [],
  );
  constraintsByDef.set(def, hit);
  return hit;
}

/** True when a profile element adds FHIRPath constraints of its own (keys unknown to the core definitions). */
export function hasOwnConstraints(def: ElementDefinitionJson): boolean {
  return ownConstraints(def).length > 0;
}

function compile(base: string, expression: string): CompiledConstraint {
  const cacheKey = `${base}\u0000${expression}`;
  const cached = compiled.get(cacheKey);
  if (cached !== undefined) return cached;
  let run: Compiled = null;
  try {
    const fn = fhirpath.compile({ base, expression }, r4model, { traceFn: noTrace });
    run = (node) => fn(node as never, {}) as unknown[];
  } catch {
    run = null;
  }
  const hit = { fast: fastPredicate(base, expression), run };
  compiled.set(cacheKey, hit);
  return hit;
}

function holds(c: CompiledConstraint, value: unknown): boolean {
  const quick = c.fast?.(value);
  if (quick !== undefined) return quick;
  try {
    return !failed(c.run ? c.run(value) : []);
  } catch {
    return true;
  }
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
    let run = c.byBase.get(base);
    if (run === undefined) c.byBase.set(base, (run = compile(base, c.expression)));
    if (!holds(run, inst.value)) env.out.push(makeIssue(c.severity, 'invariant', c.key, `Constraint ${c.key} of ${env.profileUrl} failed: ${c.human}`, inst.expression));
  }
}
