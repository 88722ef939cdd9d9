import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConnectorLogger, Delivery, Sink, Source } from '../contracts/connector.js';
import { isEngineError } from '../contracts/errors.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';
import { CheckpointStore } from './checkpoints.js';
import { createConversionService } from './conversion-service.js';
import type { ConversionService } from './conversion-service.js';
import { createConnectors } from './create-connectors.js';
import { processInput } from './process-input.js';
import type { ProcessContext } from './process-input.js';
import { emptyCounts, newRunId, saveRun } from './run-history.js';
import type { RunCounts, RunRecord } from './run-history.js';
import { stateLayout } from './state-dir.js';
import type { StateLayout } from './state-dir.js';

/** Options of {@link runPipeline}. */
export interface RunOptions {
  /** State folder; default: the pipeline's `stateDir`. */
  stateDir?: string;
  /** Conversion step; default: built from the pipeline's mapper config. */
  conversion?: ConversionService;
  /** Source and sinks; default: created from the connector registry. */
  connectors?: { source: Source; sinks: Sink[] };
  logger?: ConnectorLogger;
  /** Aborting stops reading, finishes in-flight messages and ends the run as `interrupted`. */
  signal?: AbortSignal;
  now?: () => Date;
  /** Called after every message with the running counts. */
  onProgress?: (counts: RunCounts) => void;
  runId?: string;
}

const SILENT: ConnectorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Remembers which file defines a pipeline, so `ingest quarantine retry` can re-drive its items. */
export function indexPipelineFile(layout: StateLayout, config: PipelineConfig): void {
  if (!config.file) return;
  mkdirSync(layout.root, { recursive: true });
  const index = existsSync(layout.pipelineIndex) ? (JSON.parse(readFileSync(layout.pipelineIndex, 'utf8')) as Record<string, string>) : {};
  index[config.name] = resolve(config.file);
  writeFileSync(layout.pipelineIndex, JSON.stringify(index, null, 2) + '\n');
}

async function handleDelivery(ctx: ProcessContext, checkpoints: CheckpointStore, d: Delivery): Promise<void> {
  const { message } = d;
  ctx.counts.read += 1;
  if (message.dedupeKey && checkpoints.has(message.dedupeKey)) {
    ctx.counts.skipped += 1;
    return d.ack();
  }
  try {
    await processInput(ctx, { payload: message.payload, origin: message.origin, key: message.dedupeKey ?? `${message.origin}|${message.id}` });
  } catch (err) {
    const code = isEngineError(err) ? err.code : 'internal.unexpected';
    ctx.logger.error({ runId: ctx.runId, messageId: message.id, code }, 'message processing failed; left in the source');
    await d.ack(err as Error);
    throw err;
  }
  if (message.dedupeKey) checkpoints.add(message.dedupeKey);
  await d.ack();
}

/**
 * Runs a pipeline in-process until its source ends (or `signal` aborts): `concurrency` workers read, convert,
 * validate, add lineage and deliver; failures go to quarantine; counts go to run history under the state folder.
 */
export async function runPipeline(config: PipelineConfig, options: RunOptions = {}): Promise<RunRecord> {
  const layout = stateLayout(options.stateDir ?? config.stateDir);
  const logger = options.logger ?? SILENT;
  const now = options.now ?? (() => new Date());
  const run: RunRecord = { runId: options.runId ?? newRunId(now()), pipeline: config.name, ...(config.file ? { file: resolve(config.file) } : {}), status: 'running', startedAt: now().toISOString(), counts: emptyCounts() };
  saveRun(layout.runs, run);
  indexPipelineFile(layout, config);
  const { source, sinks } = options.connectors ?? createConnectors(config, layout, logger);
  const ctx: ProcessContext = {
    runId: run.runId,
    config,
    quarantineDir: layout.quarantine,
    conversion: options.conversion ?? createConversionService(config.mapper, config.baseDir, config.validation.policy),
    sinks,
    counts: run.counts,
    logger,
    now,
  };
  const checkpoints = new CheckpointStore(layout.checkpoints, config.name);
  const stop = (): void => void source.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  logger.info({ runId: run.runId, pipeline: config.name, source: config.source.type }, 'run started');
  try {
    await source.connect();
    for (const sink of sinks) await sink.connect();
    const worker = async (): Promise<void> => {
      for (let d = await source.read(); d; d = await source.read()) {
        await handleDelivery(ctx, checkpoints, d);
        options.onProgress?.(run.counts);
      }
    };
    await Promise.all(Array.from({ length: config.concurrency }, worker));
    run.status = options.signal?.aborted ? 'interrupted' : 'done';
  } catch (err) {
    run.status = 'failed';
    run.error = isEngineError(err) ? err.code : 'internal.unexpected';
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await source.close();
    for (const sink of sinks) await sink.close();
    run.finishedAt = now().toISOString();
    saveRun(layout.runs, run);
    logger.info({ runId: run.runId, pipeline: config.name, status: run.status, ...run.counts }, 'run finished');
  }
  return run;
}
