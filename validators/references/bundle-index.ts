import type { FhirResource } from '../../pipelines/contracts/index.js';

/** One Bundle entry, as indexed for reference resolution. */
export interface IndexedEntry {
  index: number;
  fullUrl: string | undefined;
  resource: FhirResource | undefined;
  expression: string;
}

/** Lookup tables over a Bundle's entries. */
export interface BundleIndex {
  entries: IndexedEntry[];
  byFullUrl: Map<string, IndexedEntry[]>;
  byTypeAndId: Map<string, IndexedEntry[]>;
}

const RESTFUL_TAIL = /([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** Splits `…/Type/id[/_history/v]` into its parts; undefined for other forms. */
export function parseRestfulTail(url: string): { type: string; id: string; base: string } | undefined {
  if (url.indexOf('/') < 0) return undefined;
  const m = RESTFUL_TAIL.exec(url);
  if (!m) return undefined;
  return { type: m[1], id: m[2], base: url.slice(0, m.index) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Indexes a Bundle's entries by fullUrl and by `Type/id`. */
export function indexBundle(bundle: FhirResource, expression: string): BundleIndex {
  const raw = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  const index: BundleIndex = { entries: [], byFullUrl: new Map(), byTypeAndId: new Map() };
  raw.forEach((e, i) => {
    const entry = (e ?? {}) as { fullUrl?: unknown; resource?: FhirResource };
    const indexed: IndexedEntry = {
      index: i,
      fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined,
      resource: entry.resource && typeof entry.resource === 'object' ? entry.resource : undefined,
      expression: `${expression}.entry[${i}]`,
    };
    index.entries.push(indexed);
    if (indexed.fullUrl) push(index.byFullUrl, indexed.fullUrl, indexed);
    const r = indexed.resource;
    if (r && typeof r.resourceType === 'string' && typeof r.id === 'string') push(index.byTypeAndId, `${r.resourceType}/${r.id}`, indexed);
  });
  return index;
}

/** Key-order-independent JSON for content comparison. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
