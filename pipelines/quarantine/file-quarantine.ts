import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SerializedEngineError } from '../contracts/errors.js';
import type { OperationOutcome } from '../contracts/issue.js';
import type { SourceRef } from '../contracts/mapper.js';

/** What is kept beside the original bytes of a failed item. */
export interface QuarantineRecord {
  id: string;
  createdAt: string;
  source: SourceRef;
  recordId?: string;
  pipeline?: string;
  attempts: number;
  /** Why it failed: an engine error, or the OperationOutcome of a failed validation. */
  error?: SerializedEngineError;
  outcome?: OperationOutcome;
}

const INPUT_FILE = 'input.bin';
const RECORD_FILE = 'item.json';

/**
 * Stores a failed item: `<dir>/<id>/input.bin` (the original bytes, untouched) and `<dir>/<id>/item.json`.
 * The id is stable for the same source, record and bytes, so re-running a batch does not duplicate items.
 */
export function quarantineItem(dir: string, raw: Buffer, record: Omit<QuarantineRecord, 'id' | 'createdAt'>): string {
  const hash = createHash('sha256')
    .update(record.source.name)
    .update(String(record.source.record ?? 0))
    .update(raw)
    .digest('hex')
    .slice(0, 16);
  const id = `${safeName(basename(record.source.name))}-${record.source.record ?? 0}-${hash}`;
  const itemDir = join(dir, id);
  mkdirSync(itemDir, { recursive: true });
  writeFileSync(join(itemDir, INPUT_FILE), raw);
  const full: QuarantineRecord = { id, createdAt: new Date().toISOString(), ...record };
  writeFileSync(join(itemDir, RECORD_FILE), JSON.stringify(full, null, 2) + '\n');
  return id;
}

/** Lists quarantined items, oldest first. */
export function listQuarantine(dir: string): QuarantineRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, RECORD_FILE)))
    .map((e) => JSON.parse(readFileSync(join(dir, e.name, RECORD_FILE), 'utf8')) as QuarantineRecord)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Original bytes of a quarantined item. */
export function readQuarantinedInput(dir: string, id: string): Buffer {
  return readFileSync(join(dir, id, INPUT_FILE));
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'stdin';
}

/** Removes a quarantined item (after a successful retry). */
export function removeQuarantined(dir: string, id: string): void {
  rmSync(join(dir, safeName(id)), { recursive: true, force: true });
}
