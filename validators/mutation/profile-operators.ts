import type { TypedNode } from '../model/walk.js';
import { childInstances } from '../profiles/check-profile.js';
import type { Instance } from '../profiles/profile-context.js';
import type { ProfileElement, ProfileIndex } from '../profiles/profile-index.js';
import { valueConstraint } from '../profiles/value-match.js';
import { expressionToKeyPath } from './key-path.js';
import type { MutationEdit, OperatorEnv } from './operators.js';

const MUTANT_CODING = { coding: [{ system: 'http://example.org/mutant', code: 'zz-mutant' }] };

function claimedProfiles(node: TypedNode, env: OperatorEnv): ProfileIndex[] {
  const obj = node.value as { meta?: { profile?: unknown[] } } | null;
  if (!node.isResourceRoot || !obj || typeof obj !== 'object' || !env.profiles) return [];
  return env.profiles.applicable(node.type, obj.meta?.profile);
}

function differentValue(fixedOrPattern: unknown): unknown {
  if (typeof fixedOrPattern === 'string') return `${fixedOrPattern}-mutant`;
  if (typeof fixedOrPattern === 'number') return fixedOrPattern + 1;
  if (typeof fixedOrPattern === 'boolean') return !fixedOrPattern;
  return MUTANT_CODING;
}

function itemBreakingSlices(items: unknown[]): unknown {
  const first = items[0] as Record<string, unknown> | null;
  if (first && typeof first === 'object' && 'coding' in first) return MUTANT_CODING;
  if (first && typeof first === 'object' && ('system' in first || 'code' in first)) return MUTANT_CODING.coding[0];
  return { id: 'mutant' };
}

function rootInstance(node: TypedNode): Instance {
  return { value: node.value, get expression(): string { return node.expression; } };
}

function isTypeSliced(el: ProfileElement): boolean {
  return el.def.slicing?.discriminator?.every((d) => d.type === 'type') ?? false;
}

function sliceMatches(el: ProfileElement, slice: ProfileElement, v: Instance): boolean {
  return isTypeSliced(el) && (slice.def.type?.some((t) => t.code === v.type) ?? false);
}

/**
 * Walks a claimed profile over the instance and lists, for each present element with a fixed or pattern value, an
 * edit that breaks it (`profile-fixed` / `profile-pattern`), and for each sliced element with a required
 * pattern slice, an edit that empties the slice (`profile-min`). Type slices (`value[x]:valueQuantity`) are
 * followed; value/pattern slices are not (breaking their discriminator moves the item out of the slice).
 */
function editsUnder(index: ProfileIndex, parentId: string, parent: Instance, out: MutationEdit[]): void {
  for (const el of index.children.get(parentId) ?? []) {
    const values = childInstances(parent, el);
    if (values.length === 0) continue;
    const requiredSlice = el.slices.some((s) => (s.def.min ?? 0) > 0) && !isTypeSliced(el);
    const items = (parent.value as Record<string, unknown>)[el.name];
    if (requiredSlice && Array.isArray(items)) {
      const expression = `${parent.expression}.${el.name}`;
      out.push({ operator: 'profile-slice', path: expressionToKeyPath(expression), value: [itemBreakingSlices(items)], expression, rule: 'profile-min' });
      continue;
    }
    for (const v of values) {
      const c = valueConstraint(el.def);
      if (c) out.push({ operator: 'profile-value', path: expressionToKeyPath(v.expression), value: differentValue(c.value), expression: v.expression, rule: `profile-${c.kind}` });
      else editsUnder(index, el.id, v, out);
      for (const slice of el.slices) if (sliceMatches(el, slice, v)) editsUnder(index, slice.id, v, out);
    }
  }
}

/** Breaks fixed/pattern values and required pattern slices of the profiles a resource claims. */
export const profileValueViolation = (node: TypedNode, env: OperatorEnv): MutationEdit[] => {
  const out: MutationEdit[] = [];
  for (const index of claimedProfiles(node, env)) editsUnder(index, index.rootId, rootInstance(node), out);
  const seen = new Set<string>();
  return out.filter((e) => !seen.has(e.expression + e.rule) && (seen.add(e.expression + e.rule), true));
};
