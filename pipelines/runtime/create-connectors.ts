import { CONNECTORS } from '../../connectors/registry.js';
import type { ConnectorContext, ConnectorLogger, ConnectorSpec, Sink, Source } from '../contracts/connector.js';
import { EngineError } from '../contracts/errors.js';
import type { ConnectorBlock, PipelineConfig } from '../schema/pipeline-config.js';
import type { StateLayout } from './state-dir.js';

function specOf(block: ConnectorBlock, kind: ConnectorSpec['kind'], registry: Record<string, ConnectorSpec>): ConnectorSpec {
  const spec = registry[block.type];
  if (spec?.kind === kind) return spec;
  throw new EngineError('config.connector.unknown', `Unknown ${kind} type '${block.type}'`, {
    stage: 'config',
    location: { path: kind === 'source' ? 'source.type' : 'sinks[].type' },
    suggestion: `Use one of: ${Object.values(registry).filter((c) => c.kind === kind).map((c) => c.name).join(', ')}.`,
  });
}

function contextOf(config: PipelineConfig, layout: StateLayout, id: string, logger: ConnectorLogger): ConnectorContext {
  return { pipeline: config.name, stateDir: layout.connector(config.name, id), baseDir: config.baseDir, logger };
}

/** Creates the (unconnected) sinks of a checked pipeline from the connector registry. */
export function createSinks(config: PipelineConfig, layout: StateLayout, logger: ConnectorLogger, registry: Record<string, ConnectorSpec> = CONNECTORS): Sink[] {
  return config.sinks.map((block, i) => {
    const spec = specOf(block, 'sink', registry);
    return spec.create(block.config, contextOf(config, layout, `sink-${i}-${block.type}`, logger)) as Sink;
  });
}

/** Creates the (unconnected) source and sinks of a checked pipeline from the connector registry. */
export function createConnectors(
  config: PipelineConfig,
  layout: StateLayout,
  logger: ConnectorLogger,
  registry: Record<string, ConnectorSpec> = CONNECTORS,
): { source: Source; sinks: Sink[] } {
  const sourceSpec = specOf(config.source, 'source', registry);
  const source = sourceSpec.create(config.source.config, contextOf(config, layout, `source-${config.source.type}`, logger)) as Source;
  return { source, sinks: createSinks(config, layout, logger, registry) };
}
