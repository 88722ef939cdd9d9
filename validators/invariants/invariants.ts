import type { Issue } from '../../pipelines/contracts/index.js';
import { defineValidator } from '../define.js';
import type { ValidationContext } from '../define.js';
import type { ConstraintInfo } from '../model/element-table.js';
import { makeIssue } from '../model/issue.js';
import type { ResourceFrame, TypedNode } from '../model/walk.js';
import { ConstraintCache, gateOf, isVacuous } from './constraint-cache.js';
import type { CompiledConstraint } from './constraint-cache.js';
import { NATIVE_CONSTRAINTS } from './native-constraints.js';
import type { NativePredicate } from './native-constraints.js';
import { addNarrativeIssues } from './narrative/check-narrative.js';

const cache = new ConstraintCache();

/** The constraint cache shared by all validator instances (compiled expressions are immutable). */
export function constraintCache(): ConstraintCache {
  return cache;
}

function rootOf(frame: ResourceFrame): ResourceFrame {
  return frame.slot === 'contained' && frame.parent ? frame.parent : frame;
}

function failed(result: unknown[]): boolean {
  return result.length > 0 && result.every((r) => r === false);
}

/** One constraint with its lookups done once: gate child, native predicate, compiled form (on first need). */
interface ConstraintPlan {
  c: ConstraintInfo;
  gate: string | undefined;
  native: NativePredicate | undefined;
  compiled: CompiledConstraint | undefined;
}

const plans = new WeakMap<ConstraintInfo[], ConstraintPlan[]>();

function plansOf(constraints: ConstraintInfo[]): ConstraintPlan[] {
  let hit = plans.get(constraints);
  if (!hit) plans.set(constraints, (hit = constraints.map((c) => ({ c, gate: gateOf(c.key), native: NATIVE_CONSTRAINTS[c.key], compiled: undefined }))));
  return hit;
}

function report(c: ConstraintInfo, node: TypedNode, out: Issue[]): void {
  out.push(makeIssue(c.severity, 'invariant', c.key, `Constraint ${c.key} failed: ${c.human}`, node.expression));
}

function evaluate(node: TypedNode, base: string, constraints: ConstraintInfo[], out: Issue[]): void {
  const value = node.value as Record<string, unknown>;
  let env: Record<string, unknown> | undefined;
  for (const plan of plansOf(constraints)) {
    const c = plan.c;
    if (plan.gate !== undefined && value[plan.gate] === undefined) continue;
    const native = plan.native?.(value);
    if (native === false) report(c, node, out);
    if (native !== undefined) continue;
    const compiled = (plan.compiled ??= cache.get(base, c, node.table, node.childrenPath));
    if (!('run' in compiled)) continue;
    const simple = compiled.simple?.(value);
    if (simple === false) report(c, node, out);
    if (simple !== undefined || isVacuous(compiled, value)) continue;
    env ??= { resource: node.resource.value, rootResource: rootOf(node.resource).value };
    let result: unknown[];
    try {
      result = compiled.run(node.value, env);
    } catch {
      continue;
    }
    if (failed(result)) report(c, node, out);
  }
}

function isObjectNode(node: TypedNode): boolean {
  return typeof node.value === 'object' && node.value !== null && !Array.isArray(node.value) && node.table !== undefined;
}

/** Invariants: the FHIRPath constraints of the core definitions, compiled once. */
export const invariantsValidator = defineValidator({
  name: 'invariants',
  summary: 'FHIRPath constraints of the R4 core definitions (dom-*, obs-*, per-1, qty-3, ...).',
  description:
    'Evaluates every constraint of the resource, element and datatype definitions with fhirpath.js and its R4 ' +
    'model. Each expression is compiled once per process. ele-1 and ext-1 are enforced by the structure ' +
    'validator; txt-1/txt-2 (htmlChecks()) and the xhtml data type rules are checked natively on every ' +
    'Narrative.div; best-practice constraints (dom-6) and constraints needing resolve(), conformsTo() or memberOf() ' +
    'are not evaluated.',
  validate(ctx: ValidationContext): Issue[] {
    const out: Issue[] = [];
    if (!ctx.options.checkInvariants) return out;
    if (!cache.hasTypeNames()) cache.useTypeNames([...ctx.registry.tables.keys(), ...ctx.registry.primitives.keys()]);
    for (const node of ctx.walk.nodes) {
      if (!isObjectNode(node)) {
        if (node.type === 'xhtml') addNarrativeIssues(node.value, () => node.expression, out);
        continue;
      }
      const table = node.table;
      if (node.element && node.element.constraints.length > 0) evaluate(node, node.element.path, node.element.constraints, out);
      if (table && node.childrenPath === table.name && table.root.constraints.length > 0) evaluate(node, table.name, table.root.constraints, out);
    }
    return out;
  },
});
