import { Command, CommanderError } from 'commander';
import { registerBusCommand } from './commands/bus.js';
import { registerConvertCommand } from './commands/convert.js';
import { registerPipelinesCommand } from './commands/pipelines.js';
import { registerQuarantineCommand } from './commands/quarantine.js';
import { registerWorkerCommand } from './commands/worker.js';
import { registerRunCommand } from './commands/run.js';
import { registerRunsCommand } from './commands/runs.js';
import { registerServeCommand } from './commands/serve.js';
import { registerValidateCommand } from './commands/validate.js';
import { EXIT, handle } from './handle.js';

/** Builds the `ingest` command tree. */
export function buildProgram(): Command {
  const program = new Command('ingest')
    .description('Moonlitic Ingest: messy healthcare data in, validated FHIR R4 bundles out.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: true })
    .addHelpText(
      'after',
      `
Start here:
  $ ingest convert fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7     convert one message and print the bundle
  $ ingest convert inbox/ --out out/ --report                    convert a folder; see what templates dropped
  $ ingest validate out/                                         validate FHIR JSON or NDJSON
  $ ingest pipelines list                                        what sources, sinks and mappers exist
  $ ingest run pipelines/examples/<name>.yaml                    run a pipeline with no services
  $ ingest serve --port 8080                                      Azure-compatible $convert-data over HTTP
  $ REDIS_URL=redis://127.0.0.1:6379 ingest bus subscribers      who subscribes to validated bundles

Run 'ingest <command> --help' for options and examples of each command.`,
    );
  registerConvertCommand(program);
  registerValidateCommand(program);
  registerPipelinesCommand(program);
  registerRunCommand(program);
  registerRunsCommand(program);
  registerQuarantineCommand(program);
  registerWorkerCommand(program);
  registerBusCommand(program);
  registerServeCommand(program);
  return program;
}

/** CLI entry point; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.on('error', exitQuietlyOnClosedPipe);
  const program = buildProgram();
  program.exitOverride();
  program.commands.forEach((c) => c.exitOverride());
  try {
    process.exitCode = 0;
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    return handle(err);
  }
}

/** `ingest convert … | head` closes stdout early; that is not an error. */
function exitQuietlyOnClosedPipe(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
}
