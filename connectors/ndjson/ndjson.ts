import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { defineConnector } from '../../pipelines/contracts/connector.js';
import type { ConnectorContext, Sink, SinkRecord } from '../../pipelines/contracts/connector.js';
import { EngineError } from '../../pipelines/contracts/errors.js';

/** Config of the `ndjson` sink. */
export interface NdjsonSinkConfig {
  path: string;
  format?: 'ndjson' | 'json';
  envelope?: boolean;
  fsync?: boolean;
  dedupe?: boolean;
}

function lineOf(record: SinkRecord, envelope: boolean): string {
  if (!envelope) return JSON.stringify(record.bundle);
  const { key, bundle, runId, pipeline, origin, recordId, issues } = record;
  return JSON.stringify({ key, runId, pipeline, origin, recordId, issues: issues ?? [], bundle });
}

function fileNameOf(record: SinkRecord, seq: number): string {
  const id = typeof record.bundle.id === 'string' ? record.bundle.id : `${record.runId}-${seq}`;
  return `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

function writeFailed(path: string, err: unknown): EngineError {
  const code = (err as NodeJS.ErrnoException).code;
  return new EngineError('sink.ndjson.write-failed', `Cannot write ${path} (${code ?? 'error'})`, {
    stage: 'sink',
    retryable: code === 'EAGAIN' || code === 'EBUSY' || code === 'EMFILE' || code === 'ENOSPC',
    location: { file: path },
    suggestion: 'Check that the sink folder exists, is writable and has free space.',
    cause: err,
  });
}

/** Coalesces concurrent fsync requests: callers that arrive during a sync share the next one. */
class GroupSync {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly syncFn: () => Promise<void>) {}

  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.syncFn().finally(() => (this.running = undefined));
      return this.running;
    }
    this.next ??= this.running.catch(() => undefined).then(() => {
      this.next = undefined;
      return this.sync();
    });
    return this.next;
  }
}

function endsTorn(path: string): boolean {
  if (!existsSync(path)) return false;
  const size = statSync(path).size;
  if (size === 0) return false;
  const fd = openSync(path, 'r');
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  closeSync(fd);
  return last[0] !== 0x0a;
}

type StoredLine = { key?: string; entry?: { resource?: { resourceType?: string; id?: string } }[] };

function keyOf(value: StoredLine): string | undefined {
  if (value.key) return value.key;
  return value.entry?.findLast((e) => e.resource?.resourceType === 'Provenance')?.resource?.id;
}

function keysIn(path: string): Set<string> {
  const keys = new Set<string>();
  if (!existsSync(path)) return keys;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const key = keyOf(JSON.parse(line) as StoredLine);
      if (key) keys.add(key);
    } catch {
      continue;
    }
  }
  return keys;
}

/** Creates an NDJSON (one bundle per line, appended) or JSON (one `<bundle id>.json` per bundle) file sink. */
export function createNdjsonSink(config: NdjsonSinkConfig, ctx: ConnectorContext): Sink {
  const path = resolve(ctx.baseDir, config.path);
  const json = config.format === 'json';
  let handle: FileHandle | undefined;
  let chain: Promise<void> = Promise.resolve();
  let seq = 0;
  let seen: Set<string> | undefined;
  const syncer = new GroupSync(() => handle?.datasync() ?? Promise.resolve());

  async function connect(): Promise<void> {
    if (json) return void mkdirSync(path, { recursive: true });
    if (handle) return;
    mkdirSync(dirname(path), { recursive: true });
    if (config.dedupe) seen = keysIn(path);
    handle = await open(path, 'a');
    if (endsTorn(path)) await handle.write('\n');
  }

  async function appendBatch(all: SinkRecord[]): Promise<boolean> {
    await connect();
    const batch = seen ? all.filter((r) => !seen?.has(r.key)) : all;
    if (batch.length === 0) return false;
    if (json) {
      for (const record of batch) {
        const file = join(path, fileNameOf(record, seq++));
        await writeFile(`${file}.tmp`, JSON.stringify(config.envelope ? JSON.parse(lineOf(record, true)) : record.bundle, null, 2) + '\n');
        await rename(`${file}.tmp`, file);
      }
    } else {
      await handle?.write(batch.map((r) => lineOf(r, config.envelope ?? false)).join('\n') + '\n');
    }
    for (const r of batch) seen?.add(r.key);
    return !json && (config.fsync ?? true);
  }

  return {
    connect,
    async write(batch: SinkRecord[]): Promise<void> {
      const appended = chain.then(() => appendBatch(batch));
      chain = appended.then(
        () => undefined,
        () => undefined,
      );
      try {
        if (await appended) await syncer.sync();
      } catch (err) {
        throw writeFailed(path, err);
      }
    },
    async close(): Promise<void> {
      await chain;
      const h = handle;
      handle = undefined;
      await h?.close();
    },
  };
}

/** The `ndjson` sink connector spec. */
export const ndjsonSink = defineConnector<NdjsonSinkConfig>({
  name: 'ndjson',
  kind: 'sink',
  summary: 'Writes bundles to an NDJSON file (one per line, appended) or to a folder of JSON files.',
  description:
    'In ndjson format every batch is appended to `path` and fsync\'d before the write counts as done. In json format ' +
    '`path` is a folder and each bundle is written atomically (temp file + rename) as `<bundle id>.json`, so a retried ' +
    'write replaces rather than duplicates. With envelope, each entry also carries run id, pipeline, origin, record id ' +
    'and the validation issues (lenient policy).',
  stability: 'beta',
  config: {
    type: 'object',
    required: ['path'],
    additionalProperties: false,
    properties: {
      path: { type: 'string', minLength: 1, description: 'NDJSON file (ndjson) or folder (json); relative to the pipeline file.' },
      format: { type: 'string', enum: ['ndjson', 'json'], default: 'ndjson', description: 'One file of lines, or one file per bundle.' },
      envelope: { type: 'boolean', default: false, description: 'Wrap each bundle with its lineage and validation issues.' },
      fsync: { type: 'boolean', default: true, description: 'fsync the NDJSON file after each batch.' },
      dedupe: { type: 'boolean', default: false, description: 'Skip records whose delivery key (the Provenance id) is already in the file (read at start): exactly-once output across crashes and redeliveries.' },
    },
  },
  examples: [
    { title: 'Append bundles to one file', config: { path: 'out/bundles.ndjson' } },
    { title: 'One JSON file per bundle, with issues', config: { path: 'out/bundles', format: 'json', envelope: true } },
  ],
  create: createNdjsonSink,
});
