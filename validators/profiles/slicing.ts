import type { ProfileElement, ProfileIndex } from './profile-index.js';
import type { Instance } from './profile-context.js';
import { jsonEquals, matchesPattern, valueConstraint } from './value-match.js';

function descend(index: ProfileIndex, from: ProfileElement, path: string): ProfileElement | undefined {
  let cur: ProfileElement | undefined = from;
  for (const step of path.split('.')) {
    cur = index.children.get(cur.id)?.find((c) => c.name === step.replace('[x]', ''));
    if (!cur) return undefined;
  }
  return cur;
}

function valueAt(value: unknown, path: string): unknown {
  let cur = value;
  for (const step of path.split('.')) {
    if (Array.isArray(cur)) cur = cur.map((c) => (c as Record<string, unknown> | null)?.[step]).filter((c) => c !== undefined);
    else cur = (cur as Record<string, unknown> | null | undefined)?.[step];
  }
  return cur;
}

function matchesConstraint(actual: unknown, constraint: { kind: 'fixed' | 'pattern'; value: unknown }): boolean {
  const test = (v: unknown): boolean => (constraint.kind === 'fixed' ? jsonEquals(v, constraint.value) : matchesPattern(v, constraint.value));
  return Array.isArray(actual) && !Array.isArray(constraint.value) ? actual.some(test) : test(actual);
}

function matchesDiscriminator(index: ProfileIndex, slice: ProfileElement, d: { type: string; path: string }, inst: Instance): boolean | undefined {
  if (d.type === 'type') return slice.def.type?.some((t) => t.code === inst.type) ?? undefined;
  if (d.type !== 'value' && d.type !== 'pattern') return undefined;
  const profileUrl = slice.def.type?.[0]?.profile?.[0];
  if (d.path === 'url' && profileUrl) return (inst.value as { url?: unknown } | null)?.url === profileUrl;
  const target = d.path === '$this' ? slice : descend(index, slice, d.path);
  const constraint = target ? valueConstraint(target.def) : undefined;
  if (!constraint) return undefined;
  return matchesConstraint(d.path === '$this' ? inst.value : valueAt(inst.value, d.path), constraint);
}

/** True when the instance belongs to the slice (all discriminators match); undefined when undecidable. */
export function belongsToSlice(index: ProfileIndex, sliced: ProfileElement, slice: ProfileElement, inst: Instance): boolean | undefined {
  const discriminators = sliced.def.slicing?.discriminator ?? [];
  const profileUrl = slice.def.type?.[0]?.profile?.[0];
  if (discriminators.length === 0) return profileUrl ? (inst.value as { url?: unknown } | null)?.url === profileUrl : undefined;
  let result: boolean | undefined = true;
  for (const d of discriminators) {
    const m = matchesDiscriminator(index, slice, d, inst);
    if (m === false) return false;
    if (m === undefined) result = undefined;
  }
  return result;
}
