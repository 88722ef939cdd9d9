import type { Command } from 'commander';
import { listQuarantine, readQuarantinedInput } from '../../pipelines/quarantine/file-quarantine.js';
import { DEFAULT_CATALOG } from '../../pipelines/schema/catalog.js';
import { loadPipelineFile } from '../../pipelines/schema/load-pipeline.js';
import { createLogger } from '../../pipelines/runtime/logger.js';
import { retryQuarantined } from '../../pipelines/runtime/quarantine-retry.js';
import type { RetryItemOutcome } from '../../pipelines/runtime/quarantine-retry.js';
import { stateLayout } from '../../pipelines/runtime/state-dir.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { EXIT, handle } from '../handle.js';
import { formatCounts } from './run.js';

/** Text of `ingest quarantine list`. */
export function renderQuarantineList(stateDir: string | undefined, pipeline?: string): string {
  const items = listQuarantine(stateLayout(stateDir).quarantine).filter((i) => !pipeline || i.pipeline === pipeline);
  if (items.length === 0) return 'quarantine is empty\n';
  const header = ['ID', 'PIPELINE', 'RECORD', 'RECORD ID', 'ATTEMPTS', 'CODE', 'CREATED'];
  const rows = items.map((i) => [i.id, i.pipeline ?? '', String((i.source.record ?? 0) + 1), i.recordId ?? '', String(i.attempts), i.error?.code ?? (i.outcome ? 'validate.invalid' : ''), i.createdAt]);
  const widths = header.map((h, n) => Math.max(h.length, ...rows.map((r) => r[n].length)));
  return [header, ...rows].map((r) => r.map((c, n) => c.padEnd(widths[n])).join('  ').trimEnd()).join('\n') + '\n';
}

/** Text of `ingest quarantine show ID`: the stored record (error or OperationOutcome) and the input size. */
export function renderQuarantineItem(stateDir: string | undefined, id: string): string {
  const dir = stateLayout(stateDir).quarantine;
  const item = listQuarantine(dir).find((i) => i.id === id);
  if (!item) {
    throw new EngineError('cli.quarantine.not-found', `No quarantined item ${id}`, { stage: 'cli', suggestion: 'Run `ingest quarantine list` for the ids.' });
  }
  const bytes = readQuarantinedInput(dir, id).length;
  return JSON.stringify(item, null, 2) + `\ninput: ${bytes} bytes (print them with --input)\n`;
}

/** Text of a retry: one line per item, then the counts. */
export function renderRetry(items: RetryItemOutcome[], counts: string): string {
  return items.map((i) => `${i.status.padEnd(9)} ${i.id}${i.reason ? `  (${i.reason})` : ''}`).join('\n') + `\n${counts}\n`;
}

/** Registers `ingest quarantine list|show|retry`. */
export function registerQuarantineCommand(program: Command): void {
  const cmd = program.command('quarantine').summary('list, show and retry failed items kept with their original bytes');
  cmd
    .command('list')
    .option('--state-dir <dir>', 'state folder', '.ingest')
    .option('-p, --pipeline <name>', 'only items of this pipeline')
    .action((flags: { stateDir: string; pipeline?: string }) => {
      process.stdout.write(renderQuarantineList(flags.stateDir, flags.pipeline));
    });
  cmd
    .command('show')
    .argument('<id>', 'item id from `ingest quarantine list`')
    .option('--state-dir <dir>', 'state folder', '.ingest')
    .option('--input', 'print the original bytes instead (contains patient data)')
    .action((id: string, flags: { stateDir: string; input?: boolean }) => {
      try {
        if (flags.input) process.stdout.write(readQuarantinedInput(stateLayout(flags.stateDir).quarantine, id));
        else process.stdout.write(renderQuarantineItem(flags.stateDir, id));
      } catch (err) {
        process.exitCode = handle(err);
      }
    });
  cmd
    .command('retry')
    .description('Re-drive items through the current templates and sinks of their pipeline; delivered items leave quarantine.')
    .argument('[ids...]', 'item ids (or --all)')
    .option('--all', 'retry every item')
    .option('--pipeline <file>', 'pipeline file to use instead of the one recorded for the item')
    .option('--state-dir <dir>', 'state folder', '.ingest')
    .action(async (ids: string[], flags: { all?: boolean; pipeline?: string; stateDir: string }) => {
      process.exitCode = await runQuarantineRetry(ids, flags);
    });
}

/** Runs `ingest quarantine retry`; returns the exit code (1 when any item failed again). */
export async function runQuarantineRetry(ids: string[], flags: { all?: boolean; pipeline?: string; stateDir?: string }, write: (t: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  try {
    if (ids.length === 0 && !flags.all) {
      throw new EngineError('cli.quarantine.no-ids', 'Name the items to retry, or pass --all', { stage: 'cli', suggestion: 'Run `ingest quarantine list`, then `ingest quarantine retry ID...` or `--all`.' });
    }
    const pipeline = flags.pipeline ? loadPipelineFile(flags.pipeline, DEFAULT_CATALOG) : undefined;
    const { run, items } = await retryQuarantined(stateLayout(flags.stateDir), { ids, pipeline, catalog: DEFAULT_CATALOG, logger: createLogger('warn') });
    write(renderRetry(items, formatCounts(run.counts)));
    return items.every((i) => i.status === 'delivered') ? EXIT.ok : EXIT.failed;
  } catch (err) {
    return handle(err);
  }
}
