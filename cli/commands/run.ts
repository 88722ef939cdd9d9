import type { Command } from 'commander';
import { DEFAULT_CATALOG } from '../../pipelines/schema/catalog.js';
import { loadPipelineFile } from '../../pipelines/schema/load-pipeline.js';
import { createLogger } from '../../pipelines/runtime/logger.js';
import type { LogLevel } from '../../pipelines/runtime/logger.js';
import type { RunCounts, RunRecord } from '../../pipelines/runtime/run-history.js';
import { runPipeline } from '../../pipelines/runtime/runner.js';
import { enqueuePipeline } from '../../pipelines/runtime/queue-mode.js';
import { redisOptionsFromUrl } from '../../pipelines/runtime/queue-names.js';
import { listSourceFiles } from '../../connectors/file/file.js';
import type { FileSourceConfig } from '../../connectors/file/file.js';
import type { PipelineConfig } from '../../pipelines/schema/pipeline-config.js';
import { EXIT, handle, printErr } from '../handle.js';
import { ProgressBar } from '../progress.js';

/** Options of `ingest run`. */
export interface RunFlags {
  stateDir?: string;
  logLevel: LogLevel;
  quiet?: boolean;
  json?: boolean;
  debug?: boolean;
}

/** One-line counts, e.g. `read 10  converted 9  invalid 1  delivered 8  quarantined 2  skipped 0`. */
export function formatCounts(c: RunCounts): string {
  return `read ${c.read}  converted ${c.converted}  invalid ${c.invalid}  delivered ${c.delivered}  quarantined ${c.quarantined}  skipped ${c.skipped}`;
}

/** TTY progress: a bar (cli/progress.ts) when the number of inputs is known up front, else a running counts line. */
function progressFor(config: PipelineConfig, stream: NodeJS.WriteStream): { tick: (c: RunCounts) => void; finish: () => void } {
  const src = config.source;
  if (src.type === 'file' && !src.config.watch) {
    const bar = new ProgressBar(listSourceFiles(src.config as unknown as FileSourceConfig, config.baseDir).length, stream);
    return { tick: (c) => bar.tick(`delivered ${c.delivered} quarantined ${c.quarantined}`), finish: () => bar.finish() };
  }
  let last = 0;
  return {
    tick: (c) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      stream.write(`\r${formatCounts(c)}`.slice(0, (stream.columns ?? 100) - 1));
    },
    finish: () => void stream.write('\r\x1b[2K'),
  };
}

/** Runs a pipeline file in embedded mode; SIGINT/SIGTERM finish in-flight messages and stop. Returns the exit code. */
export async function runRunCommand(file: string, flags: RunFlags, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const config = loadPipelineFile(file, DEFAULT_CATALOG);
    const progress = Boolean(process.stderr.isTTY) && !flags.quiet ? progressFor(config, process.stderr) : undefined;
    const logger = createLogger(flags.logLevel);
    const redisUrl = process.env.REDIS_URL;
    const run: RunRecord = redisUrl
      ? await enqueuePipeline(config, { connection: redisOptionsFromUrl(redisUrl), prefix: process.env.INGEST_QUEUE_PREFIX, stateDir: flags.stateDir, logger, signal: controller.signal })
      : await runPipeline(config, { stateDir: flags.stateDir, logger, signal: controller.signal, onProgress: progress?.tick });
    if (redisUrl) printErr(`enqueued on Redis; process with: ingest worker ${file}`);
    progress?.finish();
    write(flags.json ? JSON.stringify(run) + '\n' : `run ${run.runId} ${run.status}: ${formatCounts(run.counts)}\n`);
    return run.counts.quarantined > 0 || run.status !== 'done' ? EXIT.failed : EXIT.ok;
  } catch (err) {
    return handle(err, flags.debug);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** Registers `ingest run FILE`. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .summary('run a pipeline file (embedded: in-process queue, state on local disk)')
    .description('Run a pipeline until its source ends (or Ctrl-C). A re-run skips inputs already done. With REDIS_URL set, enqueue the messages on BullMQ instead; `ingest worker FILE` processes them.')
    .argument('<file>', 'pipeline YAML file')
    .option('--state-dir <dir>', "state folder (default: the pipeline's stateDir, .ingest)")
    .option('--log-level <level>', 'debug | info | warn | error | silent (JSON logs on stderr, never message contents)', 'warn')
    .option('--json', 'print the run record as JSON')
    .option('-q, --quiet', 'no progress line')
    .option('--debug', 'print stack traces')
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runRunCommand(file, flags);
    });
}
