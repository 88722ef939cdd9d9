import { Command, CommanderError } from 'commander';
import { registerConvertCommand } from './commands/convert.js';
import { EXIT, handle } from './handle.js';

/** Builds the `ingest` command tree. */
export function buildProgram(): Command {
  const program = new Command('ingest')
    .description('Moonlitic Ingest: messy healthcare data in, validated FHIR R4 bundles out.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: true });
  registerConvertCommand(program);
  return program;
}

/** CLI entry point; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
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
