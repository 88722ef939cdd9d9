import { Command } from 'commander';

/** Builds the `ingest` command tree. */
export function buildProgram(): Command {
  const program = new Command('ingest')
    .description('Moonlitic Ingest: messy healthcare data in, validated FHIR R4 bundles out.')
    .version('0.1.0');
  return program;
}

/** CLI entry point; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    return typeof code === 'number' ? code : 1;
  }
}
