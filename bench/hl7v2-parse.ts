import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Message } from 'node-hl7-client';
import { parseBatch, splitBatch } from '../mappers/hl7v2/index.js';
import type { BenchResult } from './types.js';

const TARGET_BYTES = 20 * 1024 * 1024;
const MB = 1024 * 1024;
/** Warm-up volume: per-message functions run once per file, so JIT tier-up needs ~10-15 MB of input to finish. */
const WARMUP_BYTES = 20 * 1024 * 1024;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'bad' ? [] : listFiles(path);
    return /\.(hl7|txt|er7)$/i.test(name) ? [path] : [];
  });
}

function loadInputs(): { label: string; files: string[] } {
  const root = repoRoot();
  const corpus = join(root, '..', 'shared', 'corpus', 'hl7v2');
  if (existsSync(corpus)) return { label: 'corpus', files: listFiles(corpus).map((f) => readFileSync(f, 'utf8')) };
  return { label: 'fixtures', files: listFiles(join(root, 'fixtures', 'hl7v2')).map((f) => readFileSync(f, 'utf8')) };
}

function parseOurs(text: string): number {
  let touched = 0;
  try {
    for (const record of parseBatch(text, { name: 'bench' }).records) {
      for (const segment of record.model.Data) {
        for (const field of segment.Fields.items) if (field) touched += field.Value.length;
      }
    }
  } catch {
    return touched;
  }
  return touched;
}

function parseNodeHl7Client(text: string): number {
  let touched = 0;
  const message = new Message({ text });
  for (const segment of message.toArray()) for (const field of segment.toArray()) touched += field.toString().length;
  return touched;
}

interface Measured {
  mbPerSec: number;
  messagesPerSec: number;
  /** MB per second of process CPU time: less sensitive to other load on a shared machine. */
  mbPerCpuSec: number;
}

function measure(inputs: string[], messagesPerPass: number, parse: (text: string) => number): Measured {
  const bytesPerPass = inputs.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const passes = Math.max(1, Math.ceil(TARGET_BYTES / bytesPerPass));
  const warmupPasses = Math.max(5, Math.ceil(WARMUP_BYTES / bytesPerPass));
  for (let w = 0; w < warmupPasses; w++) for (const t of inputs) parse(t);
  let sink = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let p = 0; p < passes; p++) for (const t of inputs) sink += parse(t);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  if (sink < 0) throw new Error('unreachable');
  const mb = (bytesPerPass * passes) / MB;
  return { mbPerSec: mb / seconds, messagesPerSec: (messagesPerPass * passes) / seconds, mbPerCpuSec: mb / ((cpu.user + cpu.system) / 1e6) };
}

function acceptedByNodeHl7Client(text: string): boolean {
  try {
    parseNodeHl7Client(text);
    return true;
  } catch {
    return false;
  }
}

/** HL7v2 parse to field level (every field's Value) for our parser and node-hl7-client on the same messages. */
export async function run(): Promise<BenchResult[]> {
  const { label, files } = loadInputs();
  const messages = files.flatMap((text) => {
    try {
      return splitBatch(text).messages.map((m) => m.value);
    } catch {
      return [];
    }
  });
  const common = messages.filter(acceptedByNodeHl7Client);
  const oursFiles = measure(files, messages.length, parseOurs);
  const oursCommon = measure(common, common.length, parseOurs);
  const theirs = measure(common, common.length, parseNodeHl7Client);
  const note = `${label}: ${files.length} files, ${messages.length} messages; comparison on the ${common.length} messages node-hl7-client accepts`;
  return [
    { name: `hl7v2 parse, field level, ${label} files (ours)`, value: oursFiles.mbPerSec, unit: 'MB/s', note },
    { name: `hl7v2 parse, field level, ${label} files (ours)`, value: oursFiles.messagesPerSec, unit: 'messages/s' },
    { name: `hl7v2 parse, field level, ${label} files (ours, CPU time)`, value: oursFiles.mbPerCpuSec, unit: 'MB/s' },
    { name: 'hl7v2 parse, field level, common messages (ours)', value: oursCommon.mbPerSec, unit: 'MB/s' },
    { name: 'hl7v2 parse, field level, common messages (ours)', value: oursCommon.messagesPerSec, unit: 'messages/s' },
    { name: 'hl7v2 parse, field level, common messages (node-hl7-client)', value: theirs.mbPerSec, unit: 'MB/s' },
    { name: 'hl7v2 parse, field level, common messages (node-hl7-client)', value: theirs.messagesPerSec, unit: 'messages/s' },
    { name: 'hl7v2 parse, field level, common messages (node-hl7-client, CPU time)', value: theirs.mbPerCpuSec, unit: 'MB/s' },
  ];
}
