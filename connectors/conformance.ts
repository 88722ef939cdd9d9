import { describe, expect, it } from 'vitest';
import type { Delivery, Sink, SinkRecord, Source } from '../pipelines/contracts/connector.js';

/** Drives a source connector over a real backing store (folder, TCP listener). */
export interface SourceHarness {
  kind: 'source';
  name: string;
  /** Creates a source over a fresh backing store, puts `payloads` into it (in order) and connects it. */
  start(payloads: string[]): Promise<Source>;
  /** Creates and connects a new source over the same backing store (a process restart). */
  restart(): Promise<Source>;
  /** True when the source ends after its input (no watch); false for listeners. */
  finite: boolean;
  /** Recovers the fed payload string from a delivered message (default: the UTF-8 text). */
  token?(payload: Buffer): string;
  cleanup?(): Promise<void>;
}

/** Drives a sink connector over a real target. */
export interface SinkHarness {
  kind: 'sink';
  name: string;
  create(): Promise<Sink>;
  /** Bundles (or, for servers, the stored resources) in storage order; conformance records use the same id for both. */
  readBack(): Promise<Record<string, unknown>[]>;
  cleanup?(): Promise<void>;
}

const READ_TIMEOUT_MS = 5_000;

async function readOne(source: Source): Promise<Delivery | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('read() did not resolve in time')), READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([source.read(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readToken(h: SourceHarness, source: Source): Promise<[string, Delivery]> {
  const d = await readOne(source);
  if (!d) throw new Error('expected a message, got end of input');
  return [h.token ? h.token(d.message.payload) : d.message.payload.toString('utf8'), d];
}

function record(n: number): SinkRecord {
  return { key: `k${n}`, bundle: { resourceType: 'Bundle', id: `b${n}`, type: 'batch', entry: [{ resource: { resourceType: 'Basic', id: `b${n}` } }] }, runId: 'run-1', pipeline: 'conformance', origin: 'test' };
}

/** Registers the shared source contract tests (benthos-style stream tests) for one source harness. */
export function runSourceConformance(h: SourceHarness): void {
  describe(`${h.name} source conformance`, () => {
    it('connect and close are idempotent; read after close resolves undefined', async () => {
      const s = await h.start([]);
      await s.connect();
      await s.close();
      await s.close();
      expect(await readOne(s)).toBeUndefined();
      await h.cleanup?.();
    });

    it('delivers messages in input order', async () => {
      const s = await h.start(['m-1', 'm-2', 'm-3']);
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const [text, d] = await readToken(h, s);
        seen.push(text);
        await d.ack();
      }
      expect(seen).toEqual(['m-1', 'm-2', 'm-3']);
      await s.close();
      await h.cleanup?.();
    });

    it('redelivers a nacked message', async () => {
      const s = await h.start(['n-1', 'n-2']);
      const [first, d1] = await readToken(h, s);
      await d1.ack(new Error('transient'));
      const [again, d2] = await readToken(h, s);
      expect([first, again]).toEqual(['n-1', 'n-1']);
      await d2.ack();
      const [second, d3] = await readToken(h, s);
      expect(second).toBe('n-2');
      await d3.ack();
      await s.close();
      await h.cleanup?.();
    });

    it('redelivers unacked messages after a restart, and never acked ones', async () => {
      const s = await h.start(['r-1', 'r-2']);
      const [, d1] = await readToken(h, s);
      await d1.ack();
      await readToken(h, s);
      await s.close();
      const s2 = await h.restart();
      const [text, d] = await readToken(h, s2);
      expect(text).toBe('r-2');
      await d.ack();
      await s2.close();
      await h.cleanup?.();
    });

    it(h.finite ? 'signals end of input once everything is acked' : 'a pending read ends when the source closes', async () => {
      const s = await h.start(['e-1']);
      const [, d] = await readToken(h, s);
      await d.ack();
      if (h.finite) {
        expect(await readOne(s)).toBeUndefined();
      } else {
        const pending = s.read();
        await s.close();
        expect(await pending).toBeUndefined();
      }
      await s.close();
      await h.cleanup?.();
    });
  });
}

/** Registers the shared sink contract tests for one sink harness. */
export function runSinkConformance(h: SinkHarness): void {
  describe(`${h.name} sink conformance`, () => {
    it('connect and close are idempotent', async () => {
      const s = await h.create();
      await s.connect();
      await s.close();
      await s.close();
      await h.cleanup?.();
    });

    it('stores batches in write order; an empty batch is a no-op', async () => {
      const s = await h.create();
      await s.write([record(1), record(2)]);
      await s.write([]);
      await s.write([record(3)]);
      await s.close();
      const ids = (await h.readBack()).map((b) => b.id);
      expect(ids).toEqual(['b1', 'b2', 'b3']);
      await h.cleanup?.();
    });
  });
}

/** Registers the conformance tests matching the harness kind. */
export function runConnectorConformance(h: SourceHarness | SinkHarness): void {
  if (h.kind === 'source') runSourceConformance(h);
  else runSinkConformance(h);
}
