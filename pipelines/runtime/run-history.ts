import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Per-run counts (issue #6 observability). Records are bundles; `read` and `skipped` count source messages. */
export interface RunCounts {
  read: number;
  skipped: number;
  converted: number;
  invalid: number;
  delivered: number;
  quarantined: number;
  retried: number;
}

/** One run of a pipeline as kept under `<state>/runs/<runId>.json`. */
export interface RunRecord {
  runId: string;
  pipeline: string;
  file?: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt?: string;
  counts: RunCounts;
  /** Error code when the run failed as a whole (connect, config). */
  error?: string;
}

/** Zero counts. */
export function emptyCounts(): RunCounts {
  return { read: 0, skipped: 0, converted: 0, invalid: 0, delivered: 0, quarantined: 0, retried: 0 };
}

/** Writes a run record atomically (temp file + rename). */
export function saveRun(dir: string, run: RunRecord): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${run.runId}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(run, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}

/** Runs, oldest first; optionally of one pipeline. */
export function listRuns(dir: string, pipeline?: string): RunRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunRecord)
    .filter((r) => !pipeline || r.pipeline === pipeline)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
}

/** A new run id: sortable UTC time plus random suffix, e.g. `20250101T101500Z-1a2b3c`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${Math.random().toString(16).slice(2, 8)}`;
}
