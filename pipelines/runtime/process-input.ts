import type { ConnectorLogger, Sink, SinkRecord } from '../contracts/connector.js';
import { EngineError, isEngineError } from '../contracts/errors.js';
import type { SerializedEngineError } from '../contracts/errors.js';
import type { Issue, OperationOutcome } from '../contracts/issue.js';
import type { ConversionResult } from '../convert/converter.js';
import { decodeText } from '../convert/batch.js';
import { quarantineItem } from '../quarantine/file-quarantine.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';
import { withRetry } from './backoff.js';
import type { ConversionService } from './conversion-service.js';
import { addLineage, uuidFrom } from './lineage.js';
import type { RunCounts } from './run-history.js';

/** Everything processing one input needs; shared by all concurrent workers of a run. */
export interface ProcessContext {
  runId: string;
  config: PipelineConfig;
  quarantineDir: string;
  conversion: ConversionService;
  sinks: Sink[];
  counts: RunCounts;
  logger: ConnectorLogger;
  now: () => Date;
}

/** One input as read from a source or from quarantine. */
export interface InputItem {
  payload: Buffer;
  origin: string;
  /** Stable id of the input (source dedupe key or message id); record keys derive from it. */
  key: string;
  /** Only this record of the input (quarantine retry of one record of a batch). */
  onlyRecord?: number;
  /** Attempts already made (quarantine retry). */
  previousAttempts?: number;
}

/** What became of one input. */
export interface InputOutcome {
  delivered: number;
  quarantined: string[];
}

const isInvalid = (issues: Issue[] | undefined): boolean => (issues ?? []).some((i) => i.severity === 'error' || i.severity === 'fatal');

function serialize(err: unknown): SerializedEngineError {
  if (isEngineError(err) && typeof err.toJSON === 'function') return err.toJSON();
  if (isEngineError(err)) return err as unknown as SerializedEngineError;
  return new EngineError('sink.failed', 'Sink failed unexpectedly', {
    stage: 'sink',
    suggestion: 'Check the sink configuration and target; then run `ingest quarantine retry`.',
  }).toJSON();
}

function quarantine(ctx: ProcessContext, item: InputItem, result: ConversionResult, attempts: number, why: { error?: unknown; outcome?: OperationOutcome }): string {
  const id = quarantineItem(ctx.quarantineDir, item.payload, {
    source: result.source,
    recordId: result.recordId,
    pipeline: ctx.config.name,
    attempts: (item.previousAttempts ?? 0) + attempts,
    ...(why.error !== undefined ? { error: serialize(why.error) } : {}),
    ...(why.outcome ? { outcome: why.outcome } : {}),
  });
  ctx.counts.quarantined += 1;
  const code = why.error !== undefined ? serialize(why.error).code : 'validate.invalid';
  ctx.logger.warn({ runId: ctx.runId, origin: item.origin, record: result.source.record, recordId: result.recordId, code, quarantineId: id }, 'quarantined');
  return id;
}

function toSinkRecord(ctx: ProcessContext, item: InputItem, result: ConversionResult, hash: string): SinkRecord {
  const bundle = result.bundle as Record<string, unknown>;
  const key = uuidFrom(`${item.key}#${result.source.record ?? 0}`);
  addLineage(bundle, {
    key,
    runId: ctx.runId,
    pipeline: ctx.config.name,
    origin: item.origin,
    recordId: result.recordId,
    record: result.source.record,
    templateCollectionHash: hash,
    recorded: ctx.now().toISOString(),
  });
  const issues = ctx.config.validation.policy === 'lenient' && result.issues?.length ? result.issues : undefined;
  return { key, bundle, runId: ctx.runId, pipeline: ctx.config.name, origin: item.origin, recordId: result.recordId, ...(issues ? { issues } : {}) };
}

async function deliver(ctx: ProcessContext, records: SinkRecord[]): Promise<{ attempts: number; error?: unknown }> {
  let attempts = 1;
  for (const sink of ctx.sinks) {
    const outcome = await withRetry(() => sink.write(records), ctx.config.retry, () => (ctx.counts.retried += 1));
    attempts = Math.max(attempts, outcome.attempts);
    if (outcome.error !== undefined) return { attempts, error: outcome.error };
  }
  return { attempts };
}

/**
 * Converts one input and routes each record (issue #6): conversion errors → quarantine; error-level issues →
 * quarantine (strict) or delivered with issues (lenient); the rest gets lineage and goes to every sink, retried
 * with backoff while transient; records whose delivery fails for good are quarantined with the attempt count.
 */
export async function processInput(ctx: ProcessContext, item: InputItem): Promise<InputOutcome> {
  const { results, collectionHash } = ctx.conversion.convert(decodeText(item.payload), { name: item.origin });
  const picked = item.onlyRecord === undefined ? results : results.filter((r) => (r.source.record ?? 0) === item.onlyRecord);
  const outcome: InputOutcome = { delivered: 0, quarantined: [] };
  const ready: { result: ConversionResult; record: SinkRecord }[] = [];
  for (const result of picked) {
    if (result.error || !result.bundle) {
      outcome.quarantined.push(quarantine(ctx, item, result, 1, { error: result.error }));
      continue;
    }
    ctx.counts.converted += 1;
    if (isInvalid(result.issues)) {
      ctx.counts.invalid += 1;
      if (ctx.config.validation.policy === 'strict') {
        outcome.quarantined.push(quarantine(ctx, item, result, 1, { outcome: { resourceType: 'OperationOutcome', issue: result.issues ?? [] } }));
        continue;
      }
    }
    ready.push({ result, record: toSinkRecord(ctx, item, result, collectionHash) });
  }
  if (ready.length === 0) return outcome;
  const sent = await deliver(ctx, ready.map((r) => r.record));
  if (sent.error === undefined) {
    ctx.counts.delivered += ready.length;
    outcome.delivered = ready.length;
    return outcome;
  }
  for (const r of ready) outcome.quarantined.push(quarantine(ctx, item, r.result, sent.attempts, { error: sent.error }));
  return outcome;
}
