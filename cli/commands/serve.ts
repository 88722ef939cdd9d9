import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } from '../../connectors/http/http.js';
import type { HttpServer } from '../../connectors/http/http-server.js';
import { normaliseBasePath } from '../../connectors/http/http-server.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { createLogger } from '../../pipelines/runtime/logger.js';
import type { LogLevel } from '../../pipelines/runtime/logger.js';
import { startConvertDataServer } from '../../pipelines/serve/convert-data-server.js';
import { EXIT, handle, printErr } from '../handle.js';

/** Options of `ingest serve` as commander parses them. */
export interface ServeFlags {
  port: number;
  host: string;
  basePath?: string;
  templateDir?: string;
  maxBytes: number;
  bodyTimeoutMs: number;
  validate: boolean;
  timeZone: string;
  logLevel: LogLevel;
  debug?: boolean;
}

/** Hooks for embedding and tests: stop without a signal, learn the bound address. */
export interface ServeHooks {
  signal?: AbortSignal;
  onListening?: (server: HttpServer) => void;
}

const HELP_EXAMPLES = `
Examples:
  $ ingest serve                                                   POST http://127.0.0.1:8080/$convert-data
  $ ingest serve --port 8443 --base-path /fhir                     Azure-style base: /fhir/$convert-data
  $ ingest serve --template-dir /srv/templates                     templateCollectionReference may name folders in it
  $ curl -s -X POST http://127.0.0.1:8080/\\$convert-data -H 'content-type: application/fhir+json' -d @request.json

The body is Azure FHIR service's $convert-data Parameters (inputData, inputDataType Hl7v2|Ccda, rootTemplate,
templateCollectionReference); the answer is the converted Bundle, or a 400 OperationOutcome naming the parameter,
the error code, the position and the fix. See docs/convert-data.md. Ctrl-C (SIGINT/SIGTERM) finishes requests in
progress and stops.`;

function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
}

function templateRoot(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  const full = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new EngineError('cli.serve.template-dir-not-found', `--template-dir ${dir} is not a folder`, {
      stage: 'cli',
      suggestion: 'Pass the folder that holds your template collections (each collection is a sub-folder or the folder itself).',
    });
  }
  return full;
}

/** Serves `$convert-data` until the signal (or SIGINT/SIGTERM) stops it; returns the exit code. */
export async function runServeCommand(flags: ServeFlags, hooks: ServeHooks = {}): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  hooks.signal?.addEventListener('abort', stop, { once: true });
  try {
    const root = templateRoot(flags.templateDir);
    const server = await startConvertDataServer({
      host: flags.host,
      port: flags.port,
      basePath: flags.basePath,
      templateRoot: root,
      maxBodyBytes: flags.maxBytes,
      bodyTimeoutMs: flags.bodyTimeoutMs,
      validate: flags.validate,
      timeZone: flags.timeZone,
      logger: createLogger(flags.logLevel),
    });
    const { host, port } = server.address();
    printErr(`ingest serve: POST http://${host}:${port}${normaliseBasePath(flags.basePath)}/$convert-data (templates: built-in${root ? ` + folders under ${root}` : ''})`);
    hooks.onListening?.(server);
    if (!controller.signal.aborted) await new Promise((r) => controller.signal.addEventListener('abort', r, { once: true }));
    await server.close();
    return EXIT.ok;
  } catch (err) {
    return handle(err, flags.debug);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    hooks.signal?.removeEventListener('abort', stop);
  }
}

/** Registers `ingest serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .summary('serve an Azure-compatible $convert-data HTTP endpoint (synchronous, no pipeline)')
    .description('Answer POST $convert-data (Azure FHIR service Parameters) with the converted FHIR R4 bundle, as `ingest convert` would print it.')
    .option('-p, --port <port>', 'TCP port (0 picks a free one)', integer(0), 8080)
    .option('--host <host>', 'interface to listen on (0.0.0.0 for all)', '127.0.0.1')
    .option('--base-path <path>', 'prefix of the operation, e.g. /fhir for /fhir/$convert-data')
    .option('-t, --template-dir <dir>', 'templates root: templateCollectionReference may name folders inside it (layered over the built-in collection)')
    .option('--max-bytes <n>', 'largest request body; larger ones get 413 (Azure allows 512 KB)', integer(1024), DEFAULT_MAX_BODY_BYTES)
    .option('--body-timeout-ms <ms>', 'a request body not complete this long after the request started gets 408', integer(100), DEFAULT_BODY_TIMEOUT_MS)
    .option('--no-validate', 'skip FHIR R4 validation (no X-Validation-* headers)')
    .option('--time-zone <zone>', 'IANA zone used as "local" time by date filters', 'UTC')
    .option('--log-level <level>', 'debug | info | warn | error | silent (JSON logs on stderr: ids, statuses, codes; never message contents)', 'info')
    .option('--debug', 'print stack traces')
    .addHelpText('after', HELP_EXAMPLES)
    .action(async (flags: ServeFlags) => {
      process.exitCode = await runServeCommand(flags);
    });
}
