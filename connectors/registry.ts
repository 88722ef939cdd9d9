import type { ConnectorSpec, SinkSpec, SourceSpec } from '../pipelines/contracts/connector.js';
import { busSink } from './bus/bus.js';
import { fhirSink } from './fhir/fhir.js';
import { fileSource } from './file/file.js';
import { httpSource } from './http/http.js';
import { mllpSource } from './mllp/mllp.js';
import { ndjsonSink } from './ndjson/ndjson.js';

/** Every connector, by the `type` used in pipeline YAML. Adding a connector adds one line here. */
export const CONNECTORS: Record<string, ConnectorSpec> = {
  bus: busSink,
  fhir: fhirSink,
  file: fileSource,
  http: httpSource,
  mllp: mllpSource,
  ndjson: ndjsonSink,
};

/** Source connectors only, by name. */
export function sourceConnectors(): Record<string, SourceSpec> {
  return Object.fromEntries(Object.entries(CONNECTORS).filter(([, c]) => c.kind === 'source')) as Record<string, SourceSpec>;
}

/** Sink connectors only, by name. */
export function sinkConnectors(): Record<string, SinkSpec> {
  return Object.fromEntries(Object.entries(CONNECTORS).filter(([, c]) => c.kind === 'sink')) as Record<string, SinkSpec>;
}
