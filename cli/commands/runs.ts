import type { Command } from 'commander';
import { listRuns } from '../../pipelines/runtime/run-history.js';
import { stateLayout } from '../../pipelines/runtime/state-dir.js';
import { EXIT } from '../handle.js';

/** Text of `ingest runs`: one line per run, oldest first. */
export function renderRuns(stateDir: string | undefined, pipeline?: string, json = false): string {
  const runs = listRuns(stateLayout(stateDir).runs, pipeline);
  if (json) return runs.map((r) => JSON.stringify(r)).join('\n') + (runs.length ? '\n' : '');
  if (runs.length === 0) return 'no runs yet\n';
  const header = ['RUN', 'PIPELINE', 'STATUS', 'READ', 'CONVERTED', 'INVALID', 'DELIVERED', 'QUARANTINED', 'SKIPPED', 'STARTED'];
  const rows = runs.map((r) => [r.runId, r.pipeline, r.status, ...[r.counts.read, r.counts.converted, r.counts.invalid, r.counts.delivered, r.counts.quarantined, r.counts.skipped].map(String), r.startedAt]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  return [header, ...rows].map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

/** Registers `ingest runs`. */
export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .summary('list pipeline runs with their counts')
    .option('--state-dir <dir>', 'state folder', '.ingest')
    .option('-p, --pipeline <name>', 'only runs of this pipeline')
    .option('--json', 'one JSON run record per line')
    .action((flags: { stateDir: string; pipeline?: string; json?: boolean }) => {
      process.stdout.write(renderRuns(flags.stateDir, flags.pipeline, flags.json));
      process.exitCode = EXIT.ok;
    });
}
