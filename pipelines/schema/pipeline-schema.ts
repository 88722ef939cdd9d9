import type { ConnectorSpec, JsonSchema } from '../contracts/connector.js';
import { mapperFragment, RETRY_FRAGMENT, TOP_LEVEL_PROPERTIES, VALIDATION_FRAGMENT } from './fragments.js';

/** What the pipeline schema is generated from: the connector specs and the mapper (format) names. */
export interface SchemaCatalog {
  connectors: Record<string, ConnectorSpec>;
  formats: string[];
}

/** Id of the published schema (`pipelines/schema/pipeline.schema.json`). */
export const PIPELINE_SCHEMA_ID = 'https://moonlitic.dev/schemas/ingest/pipeline.schema.json';

/** A connector config schema with its `type` discriminator added. */
export function connectorVariant(spec: ConnectorSpec): JsonSchema {
  return {
    title: spec.name,
    description: spec.summary,
    type: 'object',
    required: ['type', ...(spec.config.required ?? [])],
    additionalProperties: false,
    properties: { type: { const: spec.name, description: `Selects the ${spec.name} ${spec.kind}.` }, ...spec.config.properties },
  };
}

function kindOf(catalog: SchemaCatalog, kind: ConnectorSpec['kind']): ConnectorSpec[] {
  return Object.values(catalog.connectors).filter((c) => c.kind === kind);
}

function topLevel(catalog: SchemaCatalog, source: JsonSchema, sink: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['name', 'source', 'sinks'],
    additionalProperties: false,
    properties: {
      ...TOP_LEVEL_PROPERTIES,
      source: { ...source, description: 'Where messages come from (exactly one source).' },
      mapper: mapperFragment(catalog.formats),
      validation: VALIDATION_FRAGMENT,
      retry: RETRY_FRAGMENT,
      sinks: { type: 'array', minItems: 1, items: sink, description: 'Where bundles go; every bundle is written to every sink.' },
    },
  };
}

/** The full published JSON Schema of pipeline files (draft-07), generated from the specs. */
export function buildPipelineSchema(catalog: SchemaCatalog): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: PIPELINE_SCHEMA_ID,
    title: 'Moonlitic Ingest pipeline',
    ...topLevel(
      catalog,
      { oneOf: kindOf(catalog, 'source').map(connectorVariant) },
      { oneOf: kindOf(catalog, 'sink').map(connectorVariant) },
    ),
  };
}

/** The first checking stage: the pipeline shape with connector blocks reduced to an object with a `type`. */
export function buildShapeSchema(catalog: SchemaCatalog): JsonSchema {
  const block: JsonSchema = { type: 'object', properties: { type: { type: 'string' } } };
  return topLevel(catalog, block, block);
}
