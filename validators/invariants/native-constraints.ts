import { rangeOrder, sameOffsetOrder } from './native-ordering.js';

/**
 * Hand-compiled forms of the most frequent R4 core invariants, equivalent to their FHIRPath expressions
 * (R4 4.0.1 definitions; keys cited). A predicate returns undefined when the instance needs the general
 * FHIRPath engine (e.g. date comparison in per-1).
 */
export type NativePredicate = (v: Record<string, unknown>) => boolean | undefined;

/** `k` or its primitive extension `_k` is present (`ek` = `'_' + k`, spelled out to avoid a string concat per call). */
const has = (v: Record<string, unknown>, k: string, ek: string): boolean => v[k] !== undefined || v[ek] !== undefined;
function hasChoice(v: Record<string, unknown>, prefix: string): boolean {
  for (const k of Object.keys(v)) if (k.startsWith(prefix) && k.length > prefix.length && k.charCodeAt(prefix.length) < 97) return true;
  return false;
}
const codings = (cc: unknown): { system?: unknown; code?: unknown }[] =>
  Array.isArray((cc as { coding?: unknown } | undefined)?.coding) ? ((cc as { coding: [] }).coding) : [];
const hasCoding = (cc: unknown, system: string, codes: readonly string[]): boolean =>
  codings(cc).some((c) => c && c.system === system && codes.includes(String(c.code)));
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const RESPONSE_TYPES = new Set(['batch-response', 'transaction-response', 'history']);
const DATE_ONLY = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const ZULU_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function comparePeriod(start: string, end: string): boolean | undefined {
  const sameShape = start.length === end.length && ((DATE_ONLY.test(start) && DATE_ONLY.test(end)) || (ZULU_DATETIME.test(start) && ZULU_DATETIME.test(end)));
  return sameShape ? start <= end : sameOffsetOrder(start, end);
}

function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${k}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function componentRepeatsCode(v: Record<string, unknown>): boolean {
  const own = new Set(codings(v.code).map(sortedJson));
  if (own.size === 0) return false;
  return array(v.component).some((c) => codings((c as { code?: unknown } | null)?.code).some((cd) => own.has(sortedJson(cd))));
}

const AIT_VER = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const CON_VER = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CON_CLIN = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

/** Native predicates by constraint key. */
export const NATIVE_CONSTRAINTS: Readonly<Record<string, NativePredicate>> = {
  'qty-3': (v) => !has(v, 'code', '_code') || has(v, 'system', '_system'),
  'att-1': (v) => !has(v, 'data', '_data') || has(v, 'contentType', '_contentType'),
  'cpt-2': (v) => !has(v, 'value', '_value') || has(v, 'system', '_system'),
  'per-1': (v) => (typeof v.start === 'string' && typeof v.end === 'string' ? comparePeriod(v.start, v.end) : true),
  'rng-2': rangeOrder,
  'obs-7': (v) => !hasChoice(v, 'value') || !componentRepeatsCode(v),
  'bdl-4': (v) => array(v.entry).every((e) => ((e as { response?: unknown } | null)?.response !== undefined) === RESPONSE_TYPES.has(String(v.type))),
  'tim-1': (v) => !has(v, 'duration', '_duration') || has(v, 'durationUnit', '_durationUnit'),
  'tim-2': (v) => !has(v, 'period', '_period') || has(v, 'periodUnit', '_periodUnit'),
  'tim-4': (v) => typeof v.duration !== 'number' || v.duration >= 0,
  'tim-5': (v) => typeof v.period !== 'number' || v.period >= 0,
  'tim-6': (v) => !has(v, 'periodMax', '_periodMax') || has(v, 'period', '_period'),
  'tim-7': (v) => !has(v, 'durationMax', '_durationMax') || has(v, 'duration', '_duration'),
  'tim-8': (v) => !has(v, 'countMax', '_countMax') || has(v, 'count', '_count'),
  'tim-10': (v) => !has(v, 'timeOfDay', '_timeOfDay') || !has(v, 'when', '_when'),
  'bdl-1': (v) => !has(v, 'total', '_total') || v.type === 'searchset' || v.type === 'history',
  'bdl-2': (v) => v.type === 'searchset' || !array(v.entry).some((e) => (e as { search?: unknown } | null)?.search !== undefined),
  'bdl-9': (v) => v.type !== 'document' || (has((v.identifier ?? {}) as Record<string, unknown>, 'system', '_system') && has((v.identifier ?? {}) as Record<string, unknown>, 'value', '_value')),
  'bdl-10': (v) => v.type !== 'document' || typeof v.timestamp === 'string',
  'bdl-11': (v) => v.type !== 'document' || (array(v.entry)[0] as { resource?: { resourceType?: unknown } } | undefined)?.resource?.resourceType === 'Composition',
  'bdl-12': (v) => v.type !== 'message' || (array(v.entry)[0] as { resource?: { resourceType?: unknown } } | undefined)?.resource?.resourceType === 'MessageHeader',
  'bdl-5': (v) => has(v, 'resource', '_resource') || has(v, 'request', '_request') || has(v, 'response', '_response'),
  'bdl-8': (v) => typeof v.fullUrl !== 'string' || !v.fullUrl.includes('/_history/'),
  'obs-6': (v) => !has(v, 'dataAbsentReason', '_dataAbsentReason') || !hasChoice(v, 'value'),
  'obs-3': (v) => has(v, 'low', '_low') || has(v, 'high', '_high') || has(v, 'text', '_text'),
  'org-1': (v) => array(v.identifier).length + (has(v, 'name', '_name') ? 1 : 0) > 0,
  'pat-1': (v) => has(v, 'name', '_name') || has(v, 'telecom', '_telecom') || has(v, 'address', '_address') || has(v, 'organization', '_organization'),
  'ait-1': (v) => hasCoding(v.verificationStatus, AIT_VER, ['entered-in-error']) || has(v, 'clinicalStatus', '_clinicalStatus'),
  'ait-2': (v) => !hasCoding(v.verificationStatus, AIT_VER, ['entered-in-error']) || !has(v, 'clinicalStatus', '_clinicalStatus'),
  'con-4': (v) => !hasChoice(v, 'abatement') || hasCoding(v.clinicalStatus, CON_CLIN, ['resolved', 'remission', 'inactive']),
  'con-5': (v) => !hasCoding(v.verificationStatus, CON_VER, ['entered-in-error']) || !has(v, 'clinicalStatus', '_clinicalStatus'),
};
