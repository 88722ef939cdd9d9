import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { ConnectorLogger, Sink, Source } from '../contracts/connector.js';
import { isEngineError } from '../contracts/errors.js';
import { quarantineItem } from '../quarantine/file-quarantine.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';
import { CheckpointStore } from './checkpoints.js';
import { createConversionService } from './conversion-service.js';
import type { ConversionService } from './conversion-service.js';
import { createConnectors, createSinks } from './create-connectors.js';
import { GroupReader } from './group-reader.js';
import { processInput } from './process-input.js';
import type { ProcessContext } from './process-input.js';
import { conversionQueueName, jobIdFor } from './queue-names.js';
import type { ConversionJob, RedisOptions } from './queue-names.js';
import { emptyCounts, newRunId, saveRun } from './run-history.js';
import type { RunRecord } from './run-history.js';
import { indexPipelineFile } from './runner.js';
import { stateLayout } from './state-dir.js';

/** Options shared by enqueueing and working. */
export interface QueueModeOptions {
  connection: RedisOptions;
  /** BullMQ key prefix; default `bull`. */
  prefix?: string;
  stateDir?: string;
  logger: ConnectorLogger;
  signal?: AbortSignal;
  /** Source (enqueue) or sinks (worker) override. */
  source?: Source;
  sinks?: Sink[];
  conversion?: ConversionService;
  /** Worker job lock; a crashed worker's jobs return to the queue after it expires. Default 30 s. */
  lockDurationMs?: number;
}

/** Most messages enqueued with one Redis round trip. */
const ENQUEUE_GROUP = 100;

/**
 * `ingest run` with `REDIS_URL`: reads the source and adds one durable BullMQ job per message (job id = the
 * message key, so enqueueing the same input twice is a no-op), then acks the source. Messages the source already
 * holds are added together (one pipelined round trip per group, e.g. one per MLLP journal fsync group) and acked
 * once the whole group is in Redis. Ends with the source.
 */
export async function enqueuePipeline(config: PipelineConfig, options: QueueModeOptions): Promise<RunRecord> {
  const layout = stateLayout(options.stateDir ?? config.stateDir);
  const run: RunRecord = { runId: newRunId(), pipeline: config.name, status: 'running', startedAt: new Date().toISOString(), counts: emptyCounts() };
  indexPipelineFile(layout, config);
  const source = options.source ?? createConnectors(config, layout, options.logger).source;
  const queue = new Queue<ConversionJob>(conversionQueueName(config.name), { connection: options.connection, prefix: options.prefix });
  const checkpoints = new CheckpointStore(layout.checkpoints, `${config.name}.enqueued`);
  const stop = (): void => void source.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    await source.connect();
    const jobOpts = { attempts: config.retry.maxAttempts, backoff: { type: 'exponential', delay: config.retry.initialDelayMs }, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false };
    const reader = async (): Promise<void> => {
      const groups = new GroupReader(source, ENQUEUE_GROUP);
      for (let group = await groups.read(); group.length > 0; group = await groups.read()) {
        const fresh: { key: string; job: { name: string; data: ConversionJob; opts: typeof jobOpts & { jobId: string } } }[] = [];
        const inGroup = new Set<string>();
        for (const d of group) {
          const m = d.message;
          const key = m.dedupeKey ?? `${m.origin}|${m.id}`;
          run.counts.read += 1;
          if (checkpoints.has(key) || inGroup.has(key)) {
            run.counts.skipped += 1;
            continue;
          }
          inGroup.add(key);
          const data: ConversionJob = { payload: m.payload.toString('base64'), origin: m.origin, key, runId: run.runId, ...(m.controlId ? { controlId: m.controlId } : {}) };
          fresh.push({ key, job: { name: 'convert', data, opts: { ...jobOpts, jobId: jobIdFor(key) } } });
        }
        if (fresh.length > 0) await queue.addBulk(fresh.map((f) => f.job));
        checkpoints.addAll(fresh.map((f) => f.key));
        await Promise.all(group.map((d) => d.ack()));
      }
    };
    await Promise.all(Array.from({ length: config.concurrency }, reader));
    run.status = options.signal?.aborted ? 'interrupted' : 'done';
  } catch (err) {
    run.status = 'failed';
    run.error = isEngineError(err) ? err.code : 'internal.unexpected';
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await source.close();
    await queue.close();
    run.finishedAt = new Date().toISOString();
    saveRun(layout.runs, run);
  }
  return run;
}

/** A running queue worker; `close()` finishes in-flight jobs (graceful SIGTERM) and records the worker's run. */
export interface QueueWorker {
  run: RunRecord;
  close(): Promise<void>;
}

/**
 * `ingest worker FILE`: processes the pipeline's BullMQ jobs with `concurrency` parallel jobs; any number of these
 * may run on any number of machines. Conversion failures are quarantined by `processInput`; an unexpected error
 * fails the job so BullMQ retries it with backoff, and the last failure is quarantined with its attempt count.
 */
export async function startQueueWorker(config: PipelineConfig, options: QueueModeOptions): Promise<QueueWorker> {
  const layout = stateLayout(options.stateDir ?? config.stateDir);
  const run: RunRecord = { runId: newRunId(), pipeline: config.name, status: 'running', startedAt: new Date().toISOString(), counts: emptyCounts() };
  indexPipelineFile(layout, config);
  const sinks = options.sinks ?? createSinks(config, layout, options.logger);
  for (const s of sinks) await s.connect();
  const base: ProcessContext = {
    runId: run.runId,
    config,
    quarantineDir: layout.quarantine,
    conversion: options.conversion ?? createConversionService(config.mapper, config.baseDir, config.validation.policy),
    sinks,
    counts: run.counts,
    logger: options.logger,
    now: () => new Date(),
  };
  const processor = async (job: Job<ConversionJob>): Promise<{ delivered: number; quarantined: number }> => {
    run.counts.read += 1;
    const out = await processInput({ ...base, runId: job.data.runId }, { payload: Buffer.from(job.data.payload, 'base64'), origin: job.data.origin, key: job.data.key });
    return { delivered: out.delivered, quarantined: out.quarantined.length };
  };
  const worker = new Worker<ConversionJob>(conversionQueueName(config.name), processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: config.concurrency,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs } : {}),
  });
  worker.on('failed', (job, err) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    quarantineItem(layout.quarantine, Buffer.from(job.data.payload, 'base64'), { source: { name: job.data.origin }, pipeline: config.name, attempts: job.attemptsMade, error: isEngineError(err) ? err.toJSON() : undefined });
    run.counts.quarantined += 1;
    options.logger.warn({ runId: job.data.runId, jobId: job.id, attempts: job.attemptsMade }, 'job failed for good; quarantined');
  });
  worker.on('error', (err: Error & { code?: string }) => options.logger.warn({ pipeline: config.name, errno: err.code }, 'worker connection error'));
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  return {
    run,
    close(): Promise<void> {
      closing ??= (async () => {
        await worker.close();
        for (const s of sinks) await s.close();
        run.status = 'done';
        run.finishedAt = new Date().toISOString();
        saveRun(layout.runs, run);
      })();
      return closing;
    },
  };
}
