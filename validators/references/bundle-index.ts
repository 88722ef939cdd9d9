import type { FhirResource } from '../../pipelines/contracts/index.js';

/** One Bundle entry, as indexed for reference resolution. */
export interface IndexedEntry {
  readonly index: number;
  readonly fullUrl: string | undefined;
  readonly resource: FhirResource | undefined;
  /** FHIRPath of the entry, `Bundle.entry[i]` (joined on first read). */
  readonly expression: string;
}

class Entry implements IndexedEntry {
  private expr: string | undefined;
  constructor(
    readonly index: number,
    readonly fullUrl: string | undefined,
    readonly resource: FhirResource | undefined,
    private readonly bundleExpression: string,
  ) {}

  get expression(): string {
    this.expr ??= `${this.bundleExpression}.entry[${this.index}]`;
    return this.expr;
  }
}

/** Lookup tables over a Bundle's entries. */
export interface BundleIndex {
  entries: IndexedEntry[];
  byFullUrl: Map<string, IndexedEntry[]>;
  byTypeAndId: Map<string, IndexedEntry[]>;
}

const RESTFUL_TAIL = /([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The regex form of {@link parseRestfulTail} (the reference the single-slash scan is tested against). */
export function parseRestfulTailRegex(url: string): { type: string; id: string; base: string } | undefined {
  const m = RESTFUL_TAIL.exec(url);
  if (!m) return undefined;
  return { type: m[1], id: m[2], base: url.slice(0, m.index) };
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isIdChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** {@link RESTFUL_TAIL} on a url with exactly one `/` at `slash`: `[base]Type/id`, scanned without the regex. */
function parseSingleSlash(url: string, slash: number): { type: string; id: string; base: string } | undefined {
  const idLength = url.length - slash - 1;
  if (idLength < 1 || idLength > 64) return undefined;
  for (let i = slash + 1; i < url.length; i++) if (!isIdChar(url.charCodeAt(i))) return undefined;
  let start = slash;
  while (start > 0 && isLetter(url.charCodeAt(start - 1))) start--;
  while (start < slash - 1 && url.charCodeAt(start) > 90) start++;
  if (start >= slash - 1) return undefined;
  return { type: url.slice(start, slash), id: url.slice(slash + 1), base: url.slice(0, start) };
}

/** Splits `…/Type/id[/_history/v]` into its parts; undefined for other forms. */
export function parseRestfulTail(url: string): { type: string; id: string; base: string } | undefined {
  const slash = url.indexOf('/');
  if (slash < 0) return undefined;
  if (url.indexOf('/', slash + 1) < 0) return parseSingleSlash(url, slash);
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
    const indexed = new Entry(
      i,
      typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined,
      entry.resource && typeof entry.resource === 'object' ? entry.resource : undefined,
      expression,
    );
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
