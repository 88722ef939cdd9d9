import { createHash } from 'node:crypto';
import type { BundleEntry, FhirResource } from '../contracts/fhir.js';

/** CodeSystem of the run-id tag put on every resource (`meta.tag`), so a load can be found and reversed. */
export const RUN_TAG_SYSTEM = 'https://moonlitic.dev/fhir/CodeSystem/ingest-run';
/** Extension on the Provenance carrying pipeline, template collection hash and run id. */
export const LINEAGE_EXTENSION_URL = 'https://moonlitic.dev/fhir/StructureDefinition/ingest-lineage';

/** Where a bundle came from and which run made it. */
export interface Lineage {
  /** Stable delivery id; becomes the Provenance id. */
  key: string;
  runId: string;
  pipeline: string;
  /** File path or listener URI. */
  origin: string;
  /** MSH-10 or document id. */
  recordId?: string;
  /** 0-based record index inside the input. */
  record?: number;
  templateCollectionHash: string;
  /** ISO time of the conversion. */
  recorded: string;
}

/** A deterministic UUID (v5 layout) from a name. */
export function uuidFrom(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** `meta.source` value: the origin when it is a URI already, else a `file://` URI of the path. */
export function sourceUri(origin: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(origin)) return origin;
  return `file://${encodeURI(origin.startsWith('/') ? origin : `/${origin}`)}`;
}

function tagResource(resource: FhirResource, lineage: Lineage, source: string): void {
  const meta = (resource.meta ??= {});
  meta.source = source;
  const tags = (meta.tag ??= []);
  if (!tags.some((t) => t.system === RUN_TAG_SYSTEM)) tags.push({ system: RUN_TAG_SYSTEM, code: lineage.runId });
}

function lineageExtension(l: Lineage): Record<string, unknown> {
  const parts: [string, string | undefined][] = [
    ['pipeline', l.pipeline],
    ['runId', l.runId],
    ['templateCollectionHash', l.templateCollectionHash],
    ['origin', l.origin],
    ['recordId', l.recordId],
  ];
  return { url: LINEAGE_EXTENSION_URL, extension: parts.filter(([, v]) => v).map(([url, valueString]) => ({ url, valueString })) };
}

function provenanceOf(l: Lineage, targets: string[], source: string): FhirResource {
  const what = l.recordId ? { identifier: { value: l.recordId }, display: l.origin } : { display: l.origin };
  return {
    resourceType: 'Provenance',
    id: l.key,
    meta: { source, tag: [{ system: RUN_TAG_SYSTEM, code: l.runId }] },
    extension: [lineageExtension(l)],
    target: targets.map((reference) => ({ reference })),
    recorded: l.recorded,
    activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE' }] },
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'assembler' }] },
        who: { display: `Moonlitic Ingest pipeline ${l.pipeline}` },
      },
    ],
    entity: [{ role: 'source', what }],
  };
}

/**
 * Adds lineage to a bundle in place: `meta.source` and a run-id `meta.tag` on the bundle and every resource, and one
 * Provenance entry targeting every entry (by fullUrl, else `Type/id`).
 */
export function addLineage(bundle: Record<string, unknown>, lineage: Lineage): void {
  const source = sourceUri(lineage.origin);
  const entries = (Array.isArray(bundle.entry) ? bundle.entry : []) as BundleEntry[];
  tagResource(bundle as FhirResource, lineage, source);
  const targets: string[] = [];
  for (const entry of entries) {
    if (!entry.resource) continue;
    tagResource(entry.resource, lineage, source);
    const ref = entry.fullUrl ?? (entry.resource.id ? `${entry.resource.resourceType}/${entry.resource.id}` : undefined);
    if (ref) targets.push(ref);
  }
  if (targets.length === 0) return;
  const provenance = provenanceOf(lineage, targets, source);
  const entry: BundleEntry = { fullUrl: `urn:uuid:${String(provenance.id)}`, resource: provenance };
  if (bundle.type === 'transaction' || bundle.type === 'batch') entry.request = { method: 'PUT', url: `Provenance/${String(provenance.id)}` };
  entries.push(entry);
  bundle.entry = entries;
}
