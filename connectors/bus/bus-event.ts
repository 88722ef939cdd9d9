import type { SinkRecord } from '../../pipelines/contracts/connector.js';

/** A subscriber's filter; every given list must match (an empty or missing list matches everything). */
export interface SubscriberFilter {
  /** At least one entry of one of these resource types. */
  resourceTypes?: string[];
  /** Origin prefixes, e.g. `mllp://` or `/data/inbox/`. */
  sources?: string[];
  pipelines?: string[];
  /** At least one resource labelled with one of these `meta.security` codes. */
  securityLabels?: string[];
}

/** Where a pointer event's bundle is stored: a content-addressed file written before the event was queued. */
export interface BundleRef {
  /** `file:///…/<sha256>.json`. */
  uri: string;
  /** Hex SHA-256 of the stored bytes (the UTF-8 JSON of the bundle). */
  sha256: string;
  bytes: number;
}

/**
 * What each subscriber receives per validated bundle. It carries either `bundle` (inline) or `bundleRef` (pointer,
 * for large bundles); `loadBundle(event)` returns the bundle in both cases.
 */
export interface BundleEvent {
  /** Stable delivery key (the Provenance id); unique per source record. */
  key: string;
  runId: string;
  pipeline: string;
  origin: string;
  recordId?: string;
  resourceTypes: string[];
  /** `meta.security` codes found on the bundle's resources, sorted. */
  securityLabels?: string[];
  validation: { errors: number; warnings: number };
  /** The bundle itself (inline events). */
  bundle?: Record<string, unknown>;
  /** Where the bundle is stored (pointer events). */
  bundleRef?: BundleRef;
}

type Resource = { resourceType?: string; meta?: { security?: { code?: string }[] } };

function resourcesOf(bundle: Record<string, unknown> | undefined): Resource[] {
  const entries = (bundle?.entry as { resource?: Resource }[] | undefined) ?? [];
  return entries.map((e) => e.resource).filter((r): r is Resource => Boolean(r));
}

const distinct = (values: string[]): string[] => [...new Set(values)].filter(Boolean).sort();

/** Builds the (inline) event of one sink record. */
export function toBundleEvent(record: SinkRecord): BundleEvent {
  const issues = record.issues ?? [];
  const resources = resourcesOf(record.bundle);
  return {
    key: record.key,
    runId: record.runId,
    pipeline: record.pipeline,
    origin: record.origin,
    ...(record.recordId ? { recordId: record.recordId } : {}),
    resourceTypes: distinct(resources.map((r) => r.resourceType ?? '')),
    securityLabels: distinct(resources.flatMap((r) => (r.meta?.security ?? []).map((s) => s.code ?? ''))),
    validation: { errors: issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length, warnings: issues.filter((i) => i.severity === 'warning').length },
    bundle: record.bundle,
  };
}

const any = (list: string[] | undefined, test: (v: string) => boolean): boolean => !list || list.length === 0 || list.some(test);

/** True when the event passes the filter. */
export function matchesFilter(event: BundleEvent, filter: SubscriberFilter): boolean {
  const labels = event.securityLabels ?? resourcesOf(event.bundle).flatMap((r) => (r.meta?.security ?? []).map((s) => s.code ?? ''));
  return (
    any(filter.resourceTypes, (t) => event.resourceTypes.includes(t)) &&
    any(filter.sources, (s) => event.origin.startsWith(s)) &&
    any(filter.pipelines, (p) => p === event.pipeline) &&
    any(filter.securityLabels, (l) => labels.includes(l))
  );
}
