import type { Issue } from '../../pipelines/contracts/index.js';
import { makeIssue } from '../model/issue.js';
import type { ProfileElement, ProfileIndex } from './profile-index.js';
import { ChildInstance, ChildPath } from './profile-context.js';
import type { Instance, PathRef, ProfileCheckEnv } from './profile-context.js';
import { checkProfileConstraints } from './profile-constraints.js';
import { belongsToSlice } from './slicing.js';
import { checkValueRules } from './value-rules.js';

/** R4 primitive type codes (lower-case first letter in type codes, capitalised in choice keys). */
const PRIMITIVE_CODES: ReadonlySet<string> = new Set([
  'base64Binary', 'boolean', 'canonical', 'code', 'date', 'dateTime', 'decimal', 'id', 'instant', 'integer', 'markdown',
  'oid', 'positiveInt', 'string', 'time', 'unsignedInt', 'uri', 'url', 'uuid',
]);

function typeCodeOfSuffix(suffix: string): string {
  const lower = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return PRIMITIVE_CODES.has(lower) ? lower : suffix;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

const NONE: Instance[] = [];

function pushValues(out: Instance[], parent: Instance, key: string, v: unknown, typeCode: string | undefined): void {
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) out.push(new ChildInstance(v[i], parent, key, i, typeCode));
  else if (v !== undefined) out.push(new ChildInstance(v, parent, key, -1, typeCode));
}

/** Values of one child element under a parent instance (choice keys expanded, arrays indexed). */
export function childInstances(parent: Instance, el: ProfileElement): Instance[] {
  const obj = parent.value;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return NONE;
  const record = obj as Record<string, unknown>;
  if (!el.choice) {
    const v = record[el.name];
    if (v === undefined) return NONE;
    const out: Instance[] = [];
    pushValues(out, parent, el.name, v, undefined);
    return out;
  }
  const out: Instance[] = [];
  for (const key of Object.keys(record)) {
    if (key.startsWith(el.name) && isUpperAscii(key.charCodeAt(el.name.length))) pushValues(out, parent, key, record[key], typeCodeOfSuffix(key.slice(el.name.length)));
  }
  return out;
}

function maxOf(def: { max?: string }): number {
  return def.max === undefined || def.max === '*' ? Infinity : Number(def.max);
}

function labelOf(el: ProfileElement): string {
  return el.sliceName ? `slice '${el.sliceName}' of ${el.name}` : `'${el.name}'`;
}

function checkCardinality(el: ProfileElement, count: number, at: PathRef, env: ProfileCheckEnv): void {
  const min = el.def.min ?? 0;
  const max = maxOf(el.def);
  if (count >= min && count <= max && !(count === 0 && el.def.mustSupport)) return;
  const baseMin = el.sliceName ? 0 : (el.def.base?.min ?? 0);
  const baseMax = el.sliceName ? Infinity : maxOf(el.def.base ?? {});
  if (count < min && min > baseMin) env.out.push(makeIssue('error', 'required', 'profile-min', `Profile ${env.profileUrl} requires at least ${min} ${labelOf(el)}, found ${count}`, at.expression));
  if (count > max && max < baseMax) env.out.push(makeIssue('error', 'structure', 'profile-max', `Profile ${env.profileUrl} allows at most ${max} ${labelOf(el)}, found ${count}`, at.expression));
  if (count === 0 && el.def.mustSupport && min === 0) env.out.push(makeIssue('information', 'informational', 'must-support', `mustSupport element ${labelOf(el)} of ${env.profileUrl} is absent`, at.expression));
}

const allowedTypes = new WeakMap<ProfileElement, string[]>();

/** Lower-cased type codes a choice element allows (computed once per element). */
function allowedTypesOf(el: ProfileElement & { def: { type: { code: string }[] } }): string[] {
  let hit = allowedTypes.get(el);
  if (!hit) allowedTypes.set(el, (hit = el.def.type.map((t) => t.code.toLowerCase())));
  return hit;
}

function checkTypes(el: ProfileElement, values: Instance[], env: ProfileCheckEnv): void {
  if (!el.choice || !el.def.type) return;
  const allowed = allowedTypesOf(el as ProfileElement & { def: { type: { code: string }[] } });
  for (const v of values) {
    if (v.type && !allowed.includes(v.type.toLowerCase())) {
      env.out.push(makeIssue('error', 'structure', 'profile-type', `Profile ${env.profileUrl} restricts ${el.name}[x] to ${el.def.type.map((t) => t.code).join(', ')}; found ${v.type}`, v.expression));
    }
  }
}

function checkSlices(index: ProfileIndex, el: ProfileElement, values: Instance[], parentExpr: PathRef, env: ProfileCheckEnv): void {
  const unmatched = new Set(values);
  for (const slice of el.slices) {
    const matched = values.filter((v) => belongsToSlice(index, el, slice, v) === true);
    matched.forEach((m) => unmatched.delete(m));
    checkCardinality(slice, matched.length, parentExpr, env);
    checkElement(index, slice, matched, parentExpr, env);
  }
  if (el.def.slicing?.rules === 'closed') {
    for (const v of unmatched) env.out.push(makeIssue('error', 'structure', 'slice-closed', `Profile ${env.profileUrl} closes the slicing of ${el.name}; this item matches no slice`, v.expression));
  }
}

function checkElement(index: ProfileIndex, el: ProfileElement, values: Instance[], parentExpr: PathRef, env: ProfileCheckEnv): void {
  checkTypes(el, values, env);
  for (const v of values) {
    checkValueRules(el, v, env);
    checkProfileConstraints(el.def, v, env);
  }
  if (el.slices.length > 0) checkSlices(index, el, values, parentExpr, env);
  const allowed = el.choice && el.def.type ? allowedTypesOf(el as ProfileElement & { def: { type: { code: string }[] } }) : undefined;
  const typed = allowed ? values.filter((v) => !v.type || allowed.includes(v.type.toLowerCase())) : values;
  if (typed.length > 0) checkChildren(index, el.id, typed, env);
}

function checkChildren(index: ProfileIndex, parentId: string, parents: Instance[], env: ProfileCheckEnv): void {
  for (const el of env.inert.liveChildren(index, parentId)) {
    for (const p of parents) {
      const values = childInstances(p, el);
      const at = new ChildPath(p, el.name, -1);
      checkCardinality(el, values.length, at, env);
      if (values.length > 0 || el.slices.length > 0) checkElement(index, el, values, at, env);
    }
  }
}

/** Checks instances (resources or extensions) against a profile's element tree; issues go to `env.out`. */
export function checkAgainstProfile(index: ProfileIndex, roots: Instance[], env: ProfileCheckEnv): Issue[] {
  if (index.root) for (const r of roots) checkProfileConstraints(index.root.def, r, env);
  checkChildren(index, index.rootId, roots, env);
  return env.out;
}
