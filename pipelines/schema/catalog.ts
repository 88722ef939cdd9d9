import { CONNECTORS } from '../../connectors/registry.js';
import { MAPPERS } from '../../mappers/registry.js';
import { VALIDATORS } from '../../validators/registry.js';
import type { SchemaCatalog } from './pipeline-schema.js';

/** The catalog of everything a pipeline file can name, from the registries. */
export const DEFAULT_CATALOG: SchemaCatalog = {
  connectors: CONNECTORS,
  formats: Object.keys(MAPPERS),
};

/** One named building block with its summary, for `ingest pipelines list` and the docs. */
export interface CatalogEntry {
  kind: 'source' | 'sink' | 'mapper' | 'validator';
  name: string;
  summary: string;
  stability?: string;
}

/** Every source, sink, mapper and validator with its summary. */
export function listCatalog(): CatalogEntry[] {
  return [
    ...Object.values(CONNECTORS).map((c) => ({ kind: c.kind, name: c.name, summary: c.summary, stability: c.stability })),
    ...Object.values(MAPPERS).map((m) => ({ kind: 'mapper' as const, name: m.name, summary: m.summary })),
    ...Object.values(VALIDATORS).map((v) => ({ kind: 'validator' as const, name: v.name, summary: v.summary })),
  ];
}
