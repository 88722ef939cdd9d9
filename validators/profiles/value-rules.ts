import { makeIssue } from '../model/issue.js';
import { quoteValue } from '../structure/primitive-check.js';
import { hasPair } from '../terminology/terminology-service.js';
import type { ProfileElement } from './profile-index.js';
import type { Instance, ProfileCheckEnv } from './profile-context.js';
import { jsonEquals, matchesPattern, valueConstraint } from './value-match.js';

const SEVERITY_BY_STRENGTH: Record<string, 'error' | 'warning'> = { required: 'error', extensible: 'warning' };

function codingsOf(value: unknown): { system?: unknown; code?: unknown }[] {
  if (typeof value === 'string') return [{ code: value }];
  if (!value || typeof value !== 'object') return [];
  const v = value as { coding?: unknown; code?: unknown; system?: unknown };
  if (Array.isArray(v.coding)) return v.coding as { system?: unknown; code?: unknown }[];
  return v.code !== undefined ? [v] : [];
}

function checkBinding(el: ProfileElement, inst: Instance, env: ProfileCheckEnv): void {
  const b = el.def.binding;
  const severity = b?.valueSet ? SEVERITY_BY_STRENGTH[b.strength] : undefined;
  if (!b?.valueSet || !severity || env.coreBinding(el.def.path) === b.valueSet) return;
  const codings = codingsOf(inst.value).filter((c) => c && typeof c.code === 'string');
  const exp = codings.length > 0 ? env.terminology.expand(b.valueSet) : undefined;
  if (!exp) return;
  const ok = codings.some((c) => (typeof c.system === 'string' ? hasPair(exp, c.system, String(c.code)) : exp.codes.has(String(c.code))));
  if (!ok) {
    env.out.push(makeIssue(severity, 'code-invalid', `profile-binding-${b.strength}`, `Value ${codings.map((c) => quoteValue(c.code)).join(', ')} is not in ${b.strength} ValueSet ${b.valueSet.split('|')[0]} (profile ${env.profileUrl})`, inst.expression));
  }
}

/** fixed[x], pattern[x] and binding rules of a profile element, applied to one instance. */
export function checkValueRules(el: ProfileElement, inst: Instance, env: ProfileCheckEnv): void {
  const constraint = valueConstraint(el.def);
  if (constraint) {
    const ok = constraint.kind === 'fixed' ? jsonEquals(inst.value, constraint.value) : matchesPattern(inst.value, constraint.value);
    if (!ok) {
      env.out.push(makeIssue('error', 'value', `profile-${constraint.kind}`, `Value does not match the ${constraint.kind} value ${quoteValue(constraint.value)} required by ${env.profileUrl}`, inst.expression));
    }
  }
  checkBinding(el, inst, env);
}
