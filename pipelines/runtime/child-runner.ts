import { DEFAULT_CATALOG } from '../schema/catalog.js';
import { loadPipelineFile } from '../schema/load-pipeline.js';
import { createConnectors } from './create-connectors.js';
import { createLogger } from './logger.js';
import { runPipeline } from './runner.js';
import { stateLayout } from './state-dir.js';

/**
 * Runs one pipeline file in this process and reports on stdout: `READY <port>` once the source is connected
 * (the port when the source listens), `DONE <status>` at the end. SIGTERM stops it gracefully. Used by the crash
 * test and the bench, which start it as a child process and may SIGKILL it.
 */
export async function runChild(file: string): Promise<void> {
  const config = loadPipelineFile(file, DEFAULT_CATALOG);
  const logger = createLogger('error');
  const { source, sinks } = createConnectors(config, stateLayout(config.stateDir), logger);
  const announced = {
    ...source,
    connect: async (): Promise<void> => {
      await source.connect();
      const addr = (source as { address?: () => { port: number } | undefined }).address?.();
      process.stdout.write(`READY ${addr?.port ?? 0}\n`);
    },
    read: () => source.read(),
    close: () => source.close(),
  };
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  const run = await runPipeline(config, { connectors: { source: announced, sinks }, logger, signal: controller.signal });
  process.stdout.write(`DONE ${run.status}\n`);
}

if (process.argv[1] && /child-runner\.(m?js|ts)$/.test(process.argv[1]) && process.argv[2]) {
  runChild(process.argv[2]).catch((err: unknown) => {
    process.stderr.write(`FAILED ${(err as { code?: string }).code ?? 'internal'}\n`);
    process.exitCode = 1;
  });
}
