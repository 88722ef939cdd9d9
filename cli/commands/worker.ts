import type { Command } from 'commander';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { DEFAULT_CATALOG } from '../../pipelines/schema/catalog.js';
import { loadPipelineFile } from '../../pipelines/schema/load-pipeline.js';
import { createLogger } from '../../pipelines/runtime/logger.js';
import type { LogLevel } from '../../pipelines/runtime/logger.js';
import { startQueueWorker } from '../../pipelines/runtime/queue-mode.js';
import { redisOptionsFromUrl } from '../../pipelines/runtime/queue-names.js';
import { EXIT, handle, printErr } from '../handle.js';
import { formatCounts } from './run.js';

/** Runs `ingest worker FILE` until SIGTERM/SIGINT, then finishes in-flight jobs; returns the exit code. */
export async function runWorkerCommand(file: string, flags: { stateDir?: string; logLevel: LogLevel }, stop: Promise<void>): Promise<number> {
  try {
    const url = process.env.REDIS_URL;
    if (!url) {
      throw new EngineError('cli.worker.no-redis', 'ingest worker needs REDIS_URL', { stage: 'cli', suggestion: 'Set REDIS_URL=redis://host:6379, or use `ingest run FILE` for the embedded mode.' });
    }
    const config = loadPipelineFile(file, DEFAULT_CATALOG);
    const worker = await startQueueWorker(config, { connection: redisOptionsFromUrl(url), prefix: process.env.INGEST_QUEUE_PREFIX, stateDir: flags.stateDir, logger: createLogger(flags.logLevel) });
    printErr(`worker for ${config.name} ready (concurrency ${config.concurrency}); SIGTERM finishes in-flight jobs and exits`);
    await stop;
    await worker.close();
    printErr(`worker stopped: ${formatCounts(worker.run.counts)}`);
    return EXIT.ok;
  } catch (err) {
    return handle(err);
  }
}

/** Registers `ingest worker FILE`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .summary('process a pipeline\'s BullMQ jobs (REDIS_URL); run as many as you like')
    .argument('<file>', 'pipeline YAML file')
    .option('--state-dir <dir>', "state folder for quarantine and run history (default: the pipeline's stateDir)")
    .option('--log-level <level>', 'debug | info | warn | error | silent', 'info')
    .action(async (file: string, flags: { stateDir?: string; logLevel: LogLevel }) => {
      const stop = new Promise<void>((resolve) => {
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      process.exitCode = await runWorkerCommand(file, flags, stop);
    });
}
