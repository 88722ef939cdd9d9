/**
 * Hand-compiled forms of the most frequent R4 core invariants, equivalent to their FHIRPath expressions
 * (R4 4.0.1 definitions; keys cited). A predicate returns undefined when the instance needs the general
 * FHIRPath engine (e.g. date comparison in per-1).
 */
export type NativePredicate = (v: Record<string, unknown>) => boolean | undefined;

const has = (v: Record<string, unknown>, k: string): boolean => v[k] !== undefined || v['_' + k] !== undefined;
const hasChoice = (v: Record<string, unknown>, prefix: string): boolean =>
  Object.keys(v).some((k) => k.startsWith(prefix) && k.length > prefix.length && k.charCodeAt(prefix.length) < 97);
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
  return sameShape ? start <= end : undefined;
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
  'qty-3': (v) => !has(v, 'code') || has(v, 'system'),
  'att-1': (v) => !has(v, 'data') || has(v, 'contentType'),
  'cpt-2': (v) => !has(v, 'value') || has(v, 'system'),
  'per-1': (v) => (typeof v.start === 'string' && typeof v.end === 'string' ? comparePeriod(v.start, v.end) : true),
  'obs-7': (v) => !hasChoice(v, 'value') || !componentRepeatsCode(v),
  'bdl-4': (v) => array(v.entry).every((e) => ((e as { response?: unknown } | null)?.response !== undefined) === RESPONSE_TYPES.has(String(v.type))),
  'tim-1': (v) => !has(v, 'duration') || has(v, 'durationUnit'),
  'tim-2': (v) => !has(v, 'period') || has(v, 'periodUnit'),
  'tim-4': (v) => typeof v.duration !== 'number' || v.duration >= 0,
  'tim-5': (v) => typeof v.period !== 'number' || v.period >= 0,
  'tim-6': (v) => !has(v, 'periodMax') || has(v, 'period'),
  'tim-7': (v) => !has(v, 'durationMax') || has(v, 'duration'),
  'tim-8': (v) => !has(v, 'countMax') || has(v, 'count'),
  'tim-10': (v) => !has(v, 'timeOfDay') || !has(v, 'when'),
  'bdl-1': (v) => !has(v, 'total') || v.type === 'searchset' || v.type === 'history',
  'bdl-2': (v) => v.type === 'searchset' || !array(v.entry).some((e) => (e as { search?: unknown } | null)?.search !== undefined),
  'bdl-9': (v) => v.type !== 'document' || (has((v.identifier ?? {}) as Record<string, unknown>, 'system') && has((v.identifier ?? {}) as Record<string, unknown>, 'value')),
  'bdl-10': (v) => v.type !== 'document' || typeof v.timestamp === 'string',
  'bdl-11': (v) => v.type !== 'document' || (array(v.entry)[0] as { resource?: { resourceType?: unknown } } | undefined)?.resource?.resourceType === 'Composition',
  'bdl-12': (v) => v.type !== 'message' || (array(v.entry)[0] as { resource?: { resourceType?: unknown } } | undefined)?.resource?.resourceType === 'MessageHeader',
  'bdl-5': (v) => has(v, 'resource') || has(v, 'request') || has(v, 'response'),
  'bdl-8': (v) => typeof v.fullUrl !== 'string' || !v.fullUrl.includes('/_history/'),
  'obs-6': (v) => !has(v, 'dataAbsentReason') || !hasChoice(v, 'value'),
  'obs-3': (v) => has(v, 'low') || has(v, 'high') || has(v, 'text'),
  'org-1': (v) => array(v.identifier).length + (has(v, 'name') ? 1 : 0) > 0,
  'pat-1': (v) => has(v, 'name') || has(v, 'telecom') || has(v, 'address') || has(v, 'organization'),
  'ait-1': (v) => hasCoding(v.verificationStatus, AIT_VER, ['entered-in-error']) || has(v, 'clinicalStatus'),
  'ait-2': (v) => !hasCoding(v.verificationStatus, AIT_VER, ['entered-in-error']) || !has(v, 'clinicalStatus'),
  'con-4': (v) => !hasChoice(v, 'abatement') || hasCoding(v.clinicalStatus, CON_CLIN, ['resolved', 'remission', 'inactive']),
  'con-5': (v) => !hasCoding(v.verificationStatus, CON_VER, ['entered-in-error']) || !has(v, 'clinicalStatus'),
};
