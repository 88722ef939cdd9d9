import { formatLocation, isEngineError } from '../pipelines/contracts/errors.js';
import type { EngineError } from '../pipelines/contracts/errors.js';

/** Exit codes of every `ingest` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2, invalid: 3 } as const;

/** Writes text to stderr (the CLI's only diagnostic channel; stdout carries data). */
export function printErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

/** Human form of an engine error: `Error`, position, `Code`, `Try this`. No input contents. */
export function formatError(err: EngineError, debug = false): string {
  const where = formatLocation(err.location);
  const lines = [`Error: ${err.message}`];
  if (where) lines.push(`  at:       ${where}`);
  lines.push(`  code:     ${err.code} (stage ${err.stage}${err.retryable ? ', retryable' : ''})`);
  if (err.suggestion) lines.push(`  try this: ${err.suggestion}`);
  if (err.ref) lines.push(`  see:      ${err.ref}`);
  if (debug && err.stack) lines.push(err.stack);
  return lines.join('\n');
}

/** Last-resort handler: prints any thrown value and returns the exit code. */
export function handle(err: unknown, debug = false): number {
  if (isEngineError(err)) {
    printErr(formatError(err, debug));
    return err.stage === 'cli' || err.stage === 'config' ? EXIT.usage : EXIT.failed;
  }
  const e = err as { exitCode?: number; code?: string; message?: string };
  if (typeof e.exitCode === 'number') return e.exitCode;
  printErr(`Error: ${e.message ?? String(err)}`);
  if (debug && err instanceof Error && err.stack) printErr(err.stack);
  return EXIT.failed;
}
