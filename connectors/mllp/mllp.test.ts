import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runConnectorConformance } from '../conformance.js';
import { testContext } from '../test-context.js';
import { encodeFrame, MllpDecoder } from './framing.js';
import { createMllpSource } from './mllp.js';
import type { MllpSource, MllpSourceConfig } from './mllp.js';
import { ackField, MllpTestClient, syntheticAdt } from './test-client.js';

let dir = '';
const open: { source?: MllpSource; client?: MllpTestClient }[] = [];

async function listen(config: Partial<MllpSourceConfig> = {}, fresh = true): Promise<MllpSource> {
  if (fresh) dir = mkdtempSync(join(tmpdir(), 'mllp-'));
  const source = createMllpSource({ port: 0, closeGraceMs: 50, ...config }, { ...testContext(dir), stateDir: join(dir, 'journal') });
  await source.connect();
  return source;
}

async function client(source: MllpSource): Promise<MllpTestClient> {
  const c = await MllpTestClient.open(source.address()?.port ?? 0);
  open.push({ source, client: c });
  return c;
}

afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.client?.close();
    await o.source?.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const msh10 = (payload: Buffer): string => payload.toString('latin1').split('\r')[0].split('|')[9];

runConnectorConformance({
  kind: 'source',
  name: 'mllp',
  finite: false,
  token: msh10,
  async start(payloads) {
    const source = await listen();
    if (payloads.length > 0) {
      const c = await client(source);
      c.sendFramed(payloads.map((p) => syntheticAdt(p)));
      await c.waitForAcks(payloads.length);
    }
    return source;
  },
  restart: () => listen({}, false),
});

describe('MLLP framing', () => {
  it('reassembles frames split anywhere, several per chunk, and counts garbage between them', () => {
    const stream = Buffer.concat([Buffer.from('noise'), encodeFrame('A1'), Buffer.from('\n\n'), encodeFrame('B2\x1cx'), encodeFrame('C3')]);
    for (let cut = 0; cut < stream.length; cut++) {
      const d = new MllpDecoder(1000);
      const events = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(events.filter((e) => e.kind === 'frame').map((e) => (e.kind === 'frame' ? e.data.toString('latin1') : ''))).toEqual(['A1', 'B2\x1cx', 'C3']);
      expect(events.filter((e) => e.kind === 'garbage').reduce((n, e) => n + (e.kind === 'garbage' ? e.bytes : 0), 0)).toBe(7);
    }
  });

  it('reports oversize frames with their head, and recovers for the next frame', () => {
    const d = new MllpDecoder(10, 4);
    const events = d.push(Buffer.concat([encodeFrame('MSH|0123456789'), encodeFrame('ok')]));
    expect(events[0]).toMatchObject({ kind: 'oversize', bytes: 14 });
    expect(events[0].kind === 'oversize' && events[0].head.toString()).toBe('MSH|');
    expect(events[1]).toMatchObject({ kind: 'frame' });
  });
});

describe('MLLP listener', () => {
  it('ACKs AA in order over a randomly split stream, with swapped MSH and MSA-2 = MSH-10, only after the journal fsync', async () => {
    const source = await listen();
    const c = await client(source);
    const ids = Array.from({ length: 40 }, (_, i) => `CTL${i}`);
    c.sendRaw('garbage before\r\n');
    c.sendFramed(ids.map((id) => syntheticAdt(id)), 25);
    const acks = await c.waitForAcks(40);
    expect(acks.map((a) => ackField(a, 'MSA', 2))).toEqual(ids);
    expect(acks.every((a) => ackField(a, 'MSA', 1) === 'AA')).toBe(true);
    const ack = acks[0];
    expect([3, 4, 5, 6].map((n) => ackField(ack, 'MSH', n))).toEqual(['RECVAPP', 'RECVFAC', 'SENDAPP', 'SENDFAC']);
    expect(ackField(ack, 'MSH', 9)).toBe('ACK^A01^ACK');
    expect([11, 12].map((n) => ackField(ack, 'MSH', n))).toEqual(['P', '2.5.1']);
    expect(ackField(ack, 'MSH', 10)).not.toBe('CTL0');
    expect(ack.includes('ERR')).toBe(false);
    const journal = readFileSync(join(dir, 'journal', 'journal.ndjson'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(40);
    for (const id of ids) {
      const d = await source.read();
      expect(d?.message.controlId).toBe(id);
      expect(d?.message.origin).toMatch(/^mllp:\/\/127\.0\.0\.1:\d+$/);
    }
  });

  it('answers garbage, missing MSH-10 and oversize frames with AR/AE and an ERR segment, storing nothing', async () => {
    const source = await listen({ maxMessageBytes: 2048 });
    const c = await client(source);
    const noId = syntheticAdt('X').replace('|X|P|', '||P|');
    c.sendFramed(['hello there', noId, syntheticAdt('BIG') + '\rNTE|' + 'x'.repeat(4000), syntheticAdt('OK1')]);
    const [garbage, missing, oversize, ok] = await c.waitForAcks(4);
    expect(ackField(garbage, 'MSA', 1)).toBe('AR');
    expect(ackField(garbage, 'ERR', 3)).toBe('100^Segment sequence error^HL70357');
    expect(ackField(garbage, 'ERR', 4)).toBe('E');
    expect(ackField(garbage, 'ERR', 8)).toContain('does not start with an MSH');
    expect(ackField(missing, 'MSA', 1)).toBe('AE');
    expect(ackField(missing, 'ERR', 2)).toBe('MSH^1^10');
    expect(ackField(missing, 'ERR', 3)).toBe('101^Required field missing^HL70357');
    expect(ackField(missing, 'ERR', 8)).toContain('MSH-10');
    expect(ackField(missing, 'MSH', 5)).toBe('SENDAPP');
    expect(ackField(oversize, 'MSA', 1)).toBe('AR');
    expect(ackField(oversize, 'MSA', 2)).toBe('BIG');
    expect(ackField(oversize, 'ERR', 8)).toContain('exceeds the listener limit of 2048 bytes');
    expect(ackField(ok, 'MSA', 1)).toBe('AA');
    expect((await source.read())?.message.controlId).toBe('OK1');
  });

  it('stores an FHS/BHS batch as one message and ACKs it with the batch control id', async () => {
    const source = await listen();
    const c = await client(source);
    const batch = ['FHS|^~\\&|SENDAPP|SENDFAC|RECVAPP|RECVFAC|20240101||||FILE7', 'BHS|^~\\&|SENDAPP|SENDFAC|RECVAPP|RECVFAC|20240101||||BATCH7', syntheticAdt('B1'), syntheticAdt('B2'), 'BTS|2', 'FTS|1'].join('\r');
    c.sendFramed([batch]);
    const [ack] = await c.waitForAcks(1);
    expect(ackField(ack, 'MSA', 1)).toBe('AA');
    expect(ackField(ack, 'MSA', 2)).toBe('BATCH7');
    const d = await source.read();
    expect(d?.message.payload.toString('latin1')).toBe(batch);
  });

  it('enhanced mode: CA per MSH-15 AL, nothing for NE, ER only on errors, SU only on success', async () => {
    const source = await listen();
    const c = await client(source);
    c.sendFramed([syntheticAdt('E1', 'AL', 'NE'), syntheticAdt('E2', 'NE', 'AL'), syntheticAdt('E3', 'ER', 'AL'), syntheticAdt('', 'ER', 'AL'), syntheticAdt('E5', 'SU', 'AL'), syntheticAdt('', 'SU', 'AL')]);
    const acks = await c.waitForAcks(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(c.acks.map((a) => `${ackField(a, 'MSA', 1)}:${ackField(a, 'MSA', 2)}`)).toEqual(['CA:E1', 'CE:', 'CA:E5']);
    expect(acks).toHaveLength(3);
  });

  it('redelivers ACKed but unfinished messages after a restart (the journal is the durable queue)', async () => {
    const first = await listen();
    const c = await client(first);
    c.sendFramed([syntheticAdt('D1'), syntheticAdt('D2')]);
    await c.waitForAcks(2);
    const d1 = await first.read();
    await d1?.ack();
    await c.close();
    await first.close();
    const second = await listen({}, false);
    open.push({ source: second });
    const again = await second.read();
    expect(again?.message.controlId).toBe('D2');
  });
});
