import { DEFAULT_CATALOG } from '../schema/catalog.js';
import { loadPipelineFile } from '../schema/load-pipeline.js';
import { createConnectors } from './create-connectors.js';
import { createLogger } from './logger.js';
import { enqueuePipeline, startQueueWorker } from './queue-mode.js';
import { redisOptionsFromUrl } from './queue-names.js';
import { runPipeline } from './runner.js';
import { stateLayout } from './state-dir.js';

/** How the child runs the pipeline: embedded, enqueue onto BullMQ, or as a BullMQ worker (needs REDIS_URL). */
export type ChildMode = 'embedded' | 'enqueue' | 'worker';

/**
 * Runs one pipeline file in this process and reports on stdout: `READY <port>` once the source is connected
 * (the port when the source listens; 0 for a worker), `DONE <status>` at the end. SIGTERM stops it gracefully.
 * Used by the crash tests and the bench, which start it as a child process and may SIGKILL it.
 */
export async function runChild(file: string, mode: ChildMode = 'embedded'): Promise<void> {
  const config = loadPipelineFile(file, DEFAULT_CATALOG);
  const logger = createLogger('error');
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  const redis = process.env.REDIS_URL ? redisOptionsFromUrl(process.env.REDIS_URL) : undefined;
  const prefix = process.env.INGEST_QUEUE_PREFIX;
  if (mode === 'worker' && redis) {
    const lockDurationMs = process.env.INGEST_LOCK_MS ? Number(process.env.INGEST_LOCK_MS) : undefined;
    const worker = await startQueueWorker(config, { connection: redis, prefix, logger, lockDurationMs });
    process.stdout.write('READY 0\n');
    await new Promise((resolve) => controller.signal.addEventListener('abort', resolve, { once: true }));
    await worker.close();
    process.stdout.write(`DONE ${worker.run.status}\n`);
    return;
  }
  const { source, sinks } = createConnectors(config, stateLayout(config.stateDir), logger);
  const announced = {
    connect: async (): Promise<void> => {
      await source.connect();
      const addr = (source as { address?: () => { port: number } | undefined }).address?.();
      process.stdout.write(`READY ${addr?.port ?? 0}\n`);
    },
    read: () => source.read(),
    close: () => source.close(),
  };
  const run =
    mode === 'enqueue' && redis
      ? await enqueuePipeline(config, { connection: redis, prefix, logger, signal: controller.signal, source: announced })
      : await runPipeline(config, { connectors: { source: announced, sinks }, logger, signal: controller.signal });
  process.stdout.write(`DONE ${run.status}\n`);
}

if (process.argv[1] && /child-runner\.(m?js|ts)$/.test(process.argv[1]) && process.argv[2]) {
  runChild(process.argv[2], (process.argv[3] ?? 'embedded') as ChildMode).catch((err: unknown) => {
    process.stderr.write(`FAILED ${(err as { code?: string }).code ?? 'internal'}\n`);
    process.exitCode = 1;
  });
}
