import type { Issue } from '../../pipelines/contracts/index.js';
import { makeIssue } from '../model/issue.js';
import { quoteValue } from '../structure/primitive-check.js';
import type { BundleIndex, IndexedEntry } from './bundle-index.js';
import { canonicalJson, parseRestfulTail } from './bundle-index.js';

const REQUEST_TYPES = new Set(['transaction', 'batch']);
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const HISTORY = 'history';

function versionOf(e: IndexedEntry): unknown {
  return (e.resource?.meta as { versionId?: unknown } | undefined)?.versionId;
}

/** fullUrl uniqueness (bdl-7) and fullUrl/id agreement (R4 Bundle §2.36.4). */
export function checkFullUrls(index: BundleIndex, bundleType: unknown, out: Issue[]): void {
  for (const [url, entries] of index.byFullUrl) {
    if (entries.length > 1 && (bundleType !== HISTORY || new Set(entries.map(versionOf)).size < entries.length)) {
      for (const e of entries.slice(1)) out.push(makeIssue('error', 'duplicate', 'fullurl-unique', `fullUrl ${quoteValue(url)} is also used by entry ${entries[0].index}; fullUrls must be unique (bdl-7)`, e.expression + '.fullUrl'));
    }
  }
  for (const e of index.entries) {
    const tail = e.fullUrl ? parseRestfulTail(e.fullUrl) : undefined;
    const r = e.resource;
    if (!tail || !r || e.fullUrl?.startsWith('urn:')) continue;
    if ((typeof r.id === 'string' && tail.id !== r.id) || tail.type !== r.resourceType) {
      out.push(makeIssue('error', 'invalid', 'fullurl-id', `fullUrl ${quoteValue(e.fullUrl)} does not end with ${r.resourceType}/${String(r.id)}`, e.expression + '.fullUrl'));
    }
  }
}

/** Conflicting duplicates: the same `Type/id` twice with different content. */
export function checkDuplicates(index: BundleIndex, bundleType: unknown, out: Issue[]): void {
  if (bundleType === HISTORY) return;
  for (const [key, entries] of index.byTypeAndId) {
    if (entries.length < 2) continue;
    const first = canonicalJson(entries[0].resource);
    for (const e of entries.slice(1)) {
      const same = canonicalJson(e.resource) === first;
      const text = same ? `Resource ${key} appears again (same content as entry ${entries[0].index}); remove the copy` : `Resource ${key} appears again with different content than entry ${entries[0].index}`;
      out.push(makeIssue(same ? 'warning' : 'error', same ? 'duplicate' : 'conflict', same ? 'duplicate-resource' : 'conflicting-duplicate', text, e.expression + '.resource'));
    }
  }
}

/** The part of a request url before the first `/` or `?` (what `url.split(/[/?]/)[0]` gives, without the split). */
function leadingSegment(url: string): string {
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63) return url.slice(0, i);
  }
  return url;
}

function checkRequestUrl(e: IndexedEntry, method: string, url: string, out: Issue[]): void {
  const r = e.resource;
  if (!r || !METHODS_WITH_BODY.has(method)) return;
  if (leadingSegment(url) !== r.resourceType) {
    out.push(makeIssue('error', 'invalid', 'request-url', `request.url ${quoteValue(url)} must target ${r.resourceType} for a ${method} of a ${r.resourceType}`, e.expression + '.request.url'));
    return;
  }
  const tail = method === 'PUT' ? parseRestfulTail(url) : undefined;
  if (tail && typeof r.id === 'string' && tail.id !== r.id) {
    out.push(makeIssue('error', 'invalid', 'request-url', `request.url ${quoteValue(url)} names id ${tail.id} but the resource id is ${r.id}`, e.expression + '.request.url'));
  }
}

/** Transaction and batch entries carry a correct `request`; other bundle types carry none (bdl-3). */
export function checkRequests(index: BundleIndex, bundle: Record<string, unknown>, out: Issue[]): void {
  const needs = REQUEST_TYPES.has(String(bundle.type));
  const raw = bundle.entry as { request?: { method?: unknown; url?: unknown } }[];
  for (const e of index.entries) {
    const request = raw[e.index]?.request;
    if (!needs) {
      if (request !== undefined && bundle.type !== HISTORY) out.push(makeIssue('error', 'invalid', 'request-forbidden', `entry.request is only allowed in transaction, batch and history bundles, not '${String(bundle.type)}' (bdl-3)`, e.expression + '.request'));
      continue;
    }
    if (!request || typeof request !== 'object') {
      out.push(makeIssue('error', 'required', 'request-missing', `Every entry of a ${String(bundle.type)} bundle needs request.method and request.url (bdl-3)`, e.expression + '.request'));
      continue;
    }
    if (typeof request.method === 'string' && typeof request.url === 'string') checkRequestUrl(e, request.method, request.url, out);
    if (METHODS_WITH_BODY.has(String(request.method)) && request.method !== 'PATCH' && !e.resource) {
      out.push(makeIssue('error', 'required', 'request-resource', `A ${String(request.method)} entry needs a resource`, e.expression + '.resource'));
    }
  }
}
