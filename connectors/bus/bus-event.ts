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

/** What each subscriber receives per validated bundle. */
export interface BundleEvent {
  /** Stable delivery key (the Provenance id); unique per source record. */
  key: string;
  runId: string;
  pipeline: string;
  origin: string;
  recordId?: string;
  resourceTypes: string[];
  validation: { errors: number; warnings: number };
  /** The bundle itself. */
  bundle: Record<string, unknown>;
}

type Resource = { resourceType?: string; meta?: { security?: { code?: string }[] } };

function resourcesOf(bundle: Record<string, unknown>): Resource[] {
  const entries = (bundle.entry as { resource?: Resource }[] | undefined) ?? [];
  return entries.map((e) => e.resource).filter((r): r is Resource => Boolean(r));
}

/** Builds the event of one sink record. */
export function toBundleEvent(record: SinkRecord): BundleEvent {
  const issues = record.issues ?? [];
  const types = [...new Set(resourcesOf(record.bundle).map((r) => r.resourceType ?? ''))].filter(Boolean).sort();
  return {
    key: record.key,
    runId: record.runId,
    pipeline: record.pipeline,
    origin: record.origin,
    ...(record.recordId ? { recordId: record.recordId } : {}),
    resourceTypes: types,
    validation: { errors: issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length, warnings: issues.filter((i) => i.severity === 'warning').length },
    bundle: record.bundle,
  };
}

const any = (list: string[] | undefined, test: (v: string) => boolean): boolean => !list || list.length === 0 || list.some(test);

/** True when the event passes the filter. */
export function matchesFilter(event: BundleEvent, filter: SubscriberFilter): boolean {
  const labels = resourcesOf(event.bundle).flatMap((r) => (r.meta?.security ?? []).map((s) => s.code ?? ''));
  return (
    any(filter.resourceTypes, (t) => event.resourceTypes.includes(t)) &&
    any(filter.sources, (s) => event.origin.startsWith(s)) &&
    any(filter.pipelines, (p) => p === event.pipeline) &&
    any(filter.securityLabels, (l) => labels.includes(l))
  );
}
