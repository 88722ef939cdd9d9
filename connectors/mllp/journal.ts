import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** One message kept in the journal until it is acked downstream. */
export interface JournalEntry {
  seq: number;
  payload: Buffer;
  controlId: string;
  receivedAt: string;
}

interface Pending {
  line: string;
  /** Needs fsync before resolving (message lines); ack lines ride along with the next sync. */
  sync: boolean;
  resolve: () => void;
  reject: (err: Error) => void;
}

type Line = { s: number; p: string; c: string; t: string } | { a: number };

const FILE = 'journal.ndjson';

/**
 * Append-only, fsync'd message journal with group commit: appends that arrive while a write is in progress are
 * written and fsync'd together, and each `append` resolves only once its bytes are on disk. Message lines carry
 * the payload (base64); ack lines mark them done and are not fsync'd on their own (a lost ack line means a
 * redelivery, which the runner's checkpoints and idempotent sinks absorb). Opening replays the file, keeps the unacked messages
 * (compacting the file to them) and ignores a torn last line. When every message is acked and the file has grown
 * past `compactBytes`, it is truncated.
 */
export class Journal {
  private handle: FileHandle | undefined;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private nextSeq = 1;
  private live = 0;
  private bytes = 0;

  constructor(
    private readonly dir: string,
    private readonly compactBytes = 64 * 1024 * 1024,
  ) {}

  /** Opens (creating) the journal; returns the unacked messages in arrival order. */
  async open(): Promise<JournalEntry[]> {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, FILE);
    const pending = existsSync(file) ? this.replay(readFileSync(file, 'utf8')) : [];
    const text = pending.map((e) => JSON.stringify({ s: e.seq, p: e.payload.toString('base64'), c: e.controlId, t: e.receivedAt }) + '\n').join('');
    const tmp = await open(`${file}.tmp`, 'w');
    await tmp.writeFile(text);
    await tmp.sync();
    await tmp.close();
    await rename(`${file}.tmp`, file);
    this.handle = await open(file, 'a');
    this.bytes = Buffer.byteLength(text);
    this.live = pending.length;
    return pending;
  }

  private replay(text: string): JournalEntry[] {
    const entries = new Map<number, JournalEntry>();
    for (const raw of text.split('\n')) {
      if (!raw) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue;
      }
      if ('a' in line) entries.delete(line.a);
      else entries.set(line.s, { seq: line.s, payload: Buffer.from(line.p, 'base64'), controlId: line.c, receivedAt: line.t });
      this.nextSeq = Math.max(this.nextSeq, ('a' in line ? line.a : line.s) + 1);
    }
    return [...entries.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Appends a message; resolves with its entry once it is fsync'd. */
  async append(payload: Buffer, controlId: string): Promise<JournalEntry> {
    const entry = { seq: this.nextSeq++, payload, controlId, receivedAt: new Date().toISOString() };
    this.live += 1;
    try {
      await this.write(JSON.stringify({ s: entry.seq, p: payload.toString('base64'), c: controlId, t: entry.receivedAt }), true);
    } catch (err) {
      this.live -= 1;
      throw err;
    }
    return entry;
  }

  /** Marks a message done; resolves once the mark is fsync'd. */
  async ack(seq: number): Promise<void> {
    this.live -= 1;
    try {
      await this.write(JSON.stringify({ a: seq }), false);
    } catch (err) {
      this.live += 1;
      throw err;
    }
  }

  /** Waits for pending writes, then closes the file. */
  async close(): Promise<void> {
    await this.flushing;
    await this.handle?.datasync();
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }

  private write(line: string, sync: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ line: line + '\n', sync, resolve, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        if (!this.handle) throw new Error('journal is closed');
        const text = batch.map((p) => p.line).join('');
        await this.handle.write(text);
        if (batch.some((p) => p.sync)) await this.handle.datasync();
        this.bytes += Buffer.byteLength(text);
        batch.forEach((p) => p.resolve());
      } catch (err) {
        batch.forEach((p) => p.reject(err as Error));
      }
      if (this.live === 0 && this.bytes > this.compactBytes && this.handle && this.queue.length === 0) {
        await this.handle.truncate(0);
        this.bytes = 0;
      }
    }
  }
}
