import { existsSync, readFileSync } from 'node:fs';
import type { ConnectorLogger } from '../contracts/connector.js';
import { EngineError } from '../contracts/errors.js';
import { listQuarantine, readQuarantinedInput, removeQuarantined } from '../quarantine/file-quarantine.js';
import type { QuarantineRecord } from '../quarantine/file-quarantine.js';
import { loadPipelineFile } from '../schema/load-pipeline.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';
import type { SchemaCatalog } from '../schema/pipeline-schema.js';
import { createConversionService } from './conversion-service.js';
import type { ConversionService } from './conversion-service.js';
import { createSinks } from './create-connectors.js';
import { processInput } from './process-input.js';
import type { ProcessContext } from './process-input.js';
import { emptyCounts, newRunId, saveRun } from './run-history.js';
import type { RunRecord } from './run-history.js';
import type { StateLayout } from './state-dir.js';

/** What happened to one item on retry. */
export interface RetryItemOutcome {
  id: string;
  status: 'delivered' | 'failed' | 'skipped';
  /** Error code of the new failure, or why it was skipped. */
  reason?: string;
}

/** Options of {@link retryQuarantined}. */
export interface QuarantineRetryOptions {
  /** Item ids; empty means all. */
  ids: string[];
  /** Pipeline to re-drive through; default: the file recorded for the item's pipeline name. */
  pipeline?: PipelineConfig;
  catalog: SchemaCatalog;
  logger: ConnectorLogger;
  /** Conversion step override (tests). */
  conversion?: ConversionService;
}

function pipelineFileFor(layout: StateLayout, name: string | undefined): string | undefined {
  if (!name || !existsSync(layout.pipelineIndex)) return undefined;
  return (JSON.parse(readFileSync(layout.pipelineIndex, 'utf8')) as Record<string, string>)[name];
}

function pick(layout: StateLayout, ids: string[]): QuarantineRecord[] {
  const all = listQuarantine(layout.quarantine);
  if (ids.length === 0) return all;
  return ids.map((id) => {
    const item = all.find((i) => i.id === id);
    if (item) return item;
    throw new EngineError('cli.quarantine.not-found', `No quarantined item ${id}`, {
      stage: 'cli',
      location: { path: layout.quarantine },
      suggestion: 'Run `ingest quarantine list` for the ids.',
    });
  });
}

/**
 * Re-drives quarantined items through the current templates and sinks of their pipeline (after a template fix).
 * An item that now delivers is removed; one that fails again stays, with its attempts increased. Records one run.
 */
export async function retryQuarantined(layout: StateLayout, options: QuarantineRetryOptions): Promise<{ run: RunRecord; items: RetryItemOutcome[] }> {
  const items = pick(layout, options.ids);
  const run: RunRecord = { runId: newRunId(), pipeline: options.pipeline?.name ?? 'quarantine-retry', status: 'running', startedAt: new Date().toISOString(), counts: emptyCounts() };
  const outcomes: RetryItemOutcome[] = [];
  const drivers = new Map<string, ProcessContext>();
  const driverFor = async (key: string, config: PipelineConfig): Promise<ProcessContext> => {
    let ctx = drivers.get(key);
    if (!ctx) {
      const sinks = createSinks(config, layout, options.logger);
      for (const s of sinks) await s.connect();
      const conversion = options.conversion ?? createConversionService(config.mapper, config.baseDir, config.validation.policy);
      ctx = { runId: run.runId, config, quarantineDir: layout.quarantine, conversion, sinks, counts: run.counts, logger: options.logger, now: () => new Date() };
      drivers.set(key, ctx);
    }
    return ctx;
  };
  try {
    for (const item of items) {
      const file = options.pipeline ? '(given)' : pipelineFileFor(layout, item.pipeline);
      if (!file) {
        outcomes.push({ id: item.id, status: 'skipped', reason: `pipeline ${item.pipeline ?? '(none)'} unknown; pass --pipeline FILE` });
        continue;
      }
      const ctx = drivers.get(file) ?? (await driverFor(file, options.pipeline ?? loadPipelineFile(file, options.catalog)));
      run.pipeline = ctx.config.name;
      run.counts.read += 1;
      const payload = readQuarantinedInput(layout.quarantine, item.id);
      const result = await processInput(ctx, { payload, origin: item.source.name, key: `quarantine|${item.id}`, onlyRecord: item.source.record, previousAttempts: item.attempts });
      if (result.quarantined.length === 0) {
        removeQuarantined(layout.quarantine, item.id);
        outcomes.push({ id: item.id, status: 'delivered' });
      } else {
        const again = listQuarantine(layout.quarantine).find((q) => q.id === result.quarantined[0]);
        outcomes.push({ id: item.id, status: 'failed', reason: again?.error?.code ?? 'validate.invalid' });
      }
    }
  } finally {
    for (const ctx of drivers.values()) for (const s of ctx.sinks) await s.close();
  }
  run.status = 'done';
  run.finishedAt = new Date().toISOString();
  saveRun(layout.runs, run);
  return { run, items: outcomes };
}
