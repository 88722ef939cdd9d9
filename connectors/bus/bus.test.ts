import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinkRecord } from '../../pipelines/contracts/connector.js';
import { runConnectorConformance } from '../conformance.js';
import { redisForTests } from '../redis-for-tests.js';
import { testContext } from '../test-context.js';
import { createBusSink } from './bus.js';
import type { BundleEvent } from './bus-event.js';
import { matchesFilter, toBundleEvent } from './bus-event.js';
import { busConnectionFromUrl, busKeys } from './bus-keys.js';
import type { BusConnection } from './bus-keys.js';
import { registerSubscriber, replayRun, subscribe } from './subscribers.js';
import { loadBundle } from './load-bundle.js';

let redis: Awaited<ReturnType<typeof redisForTests>>;
let connection: BusConnection;
let n = 0;
const base = `bus-test-${process.pid}-${Date.now().toString(36)}`;
const prefixes: string[] = [];
const nextPrefix = (): string => {
  const p = `${base}-${n++}`;
  prefixes.push(p);
  return p;
};

beforeAll(async () => {
  redis = await redisForTests();
  connection = busConnectionFromUrl(redis.url);
});

afterAll(async () => {
  const client = new Redis(connection);
  for (const p of prefixes) {
    const found = await client.keys(`${p}:*`);
    if (found.length > 0) await client.del(...found);
  }
  client.disconnect();
  redis.stop();
});

async function waiting(prefix: string, subscriber: string): Promise<BundleEvent[]> {
  const q = new Queue<BundleEvent>(busKeys(prefix).queue(subscriber), { connection, prefix });
  const jobs = await q.getJobs(['waiting'], 0, -1, true);
  await q.close();
  return jobs.map((j) => j.data as BundleEvent);
}

let conformancePrefix = '';
runConnectorConformance({
  kind: 'sink',
  name: 'bus',
  async create() {
    conformancePrefix = nextPrefix();
    await registerSubscriber('all', {}, { connection, prefix: conformancePrefix });
    const sink = createBusSink({ redisUrl: redis.url, prefix: conformancePrefix }, testContext('/tmp'));
    await sink.connect();
    return sink;
  },
  readBack: async () => Promise.all((await waiting(conformancePrefix, 'all')).map((e) => loadBundle(e))),
});

const record = (key: string, type: string, pipeline = 'p1', security?: string, runId = 'run-1'): SinkRecord => ({
  key,
  runId,
  pipeline,
  origin: 'mllp://127.0.0.1:2575',
  recordId: `MSG-${key}`,
  bundle: { resourceType: 'Bundle', id: key, type: 'transaction', entry: [{ resource: { resourceType: type, id: key, ...(security ? { meta: { security: [{ code: security }] } } : {}) } }] },
  issues: [{ severity: 'warning', code: 'value', details: { text: 'w' } }],
});

describe('event bus (real Redis)', () => {
  it('filters by resource type, source, pipeline and security label', () => {
    const e = toBundleEvent(record('a', 'Observation', 'labs', 'R'));
    expect(e.validation).toEqual({ errors: 0, warnings: 1 });
    expect(matchesFilter(e, {})).toBe(true);
    expect(matchesFilter(e, { resourceTypes: ['Observation'], sources: ['mllp://'], pipelines: ['labs'], securityLabels: ['R'] })).toBe(true);
    expect(matchesFilter(e, { resourceTypes: ['Patient'] })).toBe(false);
    expect(matchesFilter(e, { sources: ['/data'] })).toBe(false);
    expect(matchesFilter(e, { pipelines: ['adt'] })).toBe(false);
    expect(matchesFilter(e, { securityLabels: ['V'] })).toBe(false);
  });

  it('each subscriber gets each matching bundle exactly once, even when a write is retried', async () => {
    const prefix = nextPrefix();
    await registerSubscriber('patients', { resourceTypes: ['Patient'] }, { connection, prefix });
    await registerSubscriber('everything', {}, { connection, prefix });
    const sink = createBusSink({ redisUrl: redis.url, prefix }, testContext('/tmp'));
    const batch = [record('k1', 'Patient'), record('k2', 'Observation')];
    await sink.write(batch);
    await sink.write(batch);
    await sink.close();
    expect((await waiting(prefix, 'patients')).map((e) => e.key)).toEqual(['k1']);
    const all = await waiting(prefix, 'everything');
    expect(all.map((e) => e.key)).toEqual(['k1', 'k2']);
    expect(all[0]).toMatchObject({ runId: 'run-1', pipeline: 'p1', origin: 'mllp://127.0.0.1:2575', recordId: 'MSG-k1', resourceTypes: ['Patient'] });
  });

  it('a subscriber consumes its queue, and can replay a run', async () => {
    const prefix = nextPrefix();
    const seen: string[] = [];
    const sub = await subscribe('consumer', { pipelines: ['p1'] }, async (e) => void seen.push(e.key), { connection, prefix });
    const sink = createBusSink({ redisUrl: redis.url, prefix }, testContext('/tmp'));
    await sink.write([record('r1', 'Patient'), record('r2', 'Patient', 'other'), record('r3', 'Patient', 'p1', undefined, 'run-2')]);
    await sink.close();
    for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen.sort()).toEqual(['r1', 'r3']);
    expect(await replayRun('run-1', 'consumer', { connection, prefix })).toBe(1);
    for (let i = 0; i < 100 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    await sub.close();
    expect(seen.slice(2)).toEqual(['r1']);
    await expect(replayRun('run-1', 'nobody', { connection, prefix })).rejects.toMatchObject({ code: 'cli.bus.unknown-subscriber' });
    await expect(registerSubscriber('a:b', {}, { connection, prefix })).rejects.toMatchObject({ code: 'config.bus.bad-subscriber-name' });
  });

  it('pointer events: the bundle is stored once by sha256, the event carries bundleRef, loadBundle verifies it', async () => {
    const prefix = nextPrefix();
    const store = mkdtempSync(join(tmpdir(), 'bus-store-'));
    await registerSubscriber('restricted', { securityLabels: ['R'] }, { connection, prefix });
    await registerSubscriber('labs', { resourceTypes: ['Observation'] }, { connection, prefix });
    const sink = createBusSink({ redisUrl: redis.url, prefix, payload: 'pointer', store }, testContext('/tmp'));
    const batch = [record('p1', 'Patient', 'p1', 'R'), record('p2', 'Observation'), record('p3', 'Observation', 'p1', 'N')];
    await sink.write(batch);
    await sink.write(batch);
    await sink.close();
    const restricted = await waiting(prefix, 'restricted');
    expect(restricted.map((e) => e.key)).toEqual(['p1']);
    expect(restricted[0]).toMatchObject({ securityLabels: ['R'], resourceTypes: ['Patient'] });
    expect(restricted[0].bundle).toBeUndefined();
    const labs = await waiting(prefix, 'labs');
    expect(labs.map((e) => e.key)).toEqual(['p2', 'p3']);
    const ref = labs[0].bundleRef;
    expect(ref?.uri).toMatch(/^file:\/\/.*\/([0-9a-f]{2})\/\1[0-9a-f]{62}\.json$/);
    expect(readFileSync(fileURLToPath(ref?.uri ?? '')).length).toBe(ref?.bytes);
    expect(await loadBundle(labs[0])).toEqual(batch[1].bundle);
    expect(await loadBundle(labs[1], { storeDir: store })).toEqual(batch[2].bundle);
    const file = fileURLToPath(labs[0].bundleRef?.uri ?? '');
    writeFileSync(file, readFileSync(file, 'utf8').replace('p2', 'p9'));
    await expect(loadBundle(labs[0])).rejects.toMatchObject({ code: 'sink.bus.bundle-corrupt', retryable: false });
    unlinkSync(file);
    await expect(loadBundle(labs[0])).rejects.toMatchObject({ code: 'sink.bus.bundle-missing' });
    await expect(loadBundle({ ...labs[0], bundleRef: undefined })).rejects.toMatchObject({ code: 'sink.bus.bundle-corrupt' });
    rmSync(store, { recursive: true, force: true });
  });

  it('payload auto sends a pointer only above maxInlineBytes, and inline without a store', async () => {
    const prefix = nextPrefix();
    const store = mkdtempSync(join(tmpdir(), 'bus-store-'));
    await registerSubscriber('all', {}, { connection, prefix });
    const big = record('big', 'Patient');
    big.bundle.padding = 'x'.repeat(600);
    const sink = createBusSink({ redisUrl: redis.url, prefix, store, maxInlineBytes: 500 }, testContext('/tmp'));
    await sink.write([record('small', 'Patient'), big]);
    await sink.close();
    const [small, bigEvent] = await waiting(prefix, 'all');
    expect(small.bundle).toEqual(record('small', 'Patient').bundle);
    expect(small.bundleRef).toBeUndefined();
    expect(bigEvent.bundleRef?.bytes).toBe(JSON.stringify(big.bundle).length);
    expect(await loadBundle(bigEvent)).toEqual(big.bundle);
    const prefix2 = nextPrefix();
    await registerSubscriber('all', {}, { connection, prefix: prefix2 });
    const noStore = createBusSink({ redisUrl: redis.url, prefix: prefix2, maxInlineBytes: 500 }, testContext('/tmp'));
    await noStore.write([big]);
    await noStore.close();
    expect((await waiting(prefix2, 'all'))[0].bundle).toEqual(big.bundle);
    await expect(createBusSink({ redisUrl: redis.url, payload: 'pointer' }, testContext('/tmp')).connect()).rejects.toMatchObject({ code: 'config.bus.no-store' });
    writeFileSync(join(store, 'not-a-folder'), '');
    const broken = createBusSink({ redisUrl: redis.url, prefix: prefix2, payload: 'pointer', store: join(store, 'not-a-folder') }, testContext('/tmp'));
    await expect(broken.write([big])).rejects.toMatchObject({ code: 'sink.bus.store-failed', retryable: false });
    await broken.close();
    rmSync(store, { recursive: true, force: true });
  });

  it('a handler failing with a permanent EngineError fails the job at once; other errors are retried', async () => {
    const prefix = nextPrefix();
    const store = mkdtempSync(join(tmpdir(), 'bus-store-'));
    const attempts = new Map<string, number>();
    const handler = async (e: BundleEvent): Promise<void> => {
      attempts.set(e.key, (attempts.get(e.key) ?? 0) + 1);
      if (e.key === 'gone') await loadBundle(e);
      if (e.key === 'flaky' && attempts.get(e.key) === 1) throw new Error('transient');
    };
    const sub = await subscribe('strict', {}, handler, { connection, prefix });
    const sink = createBusSink({ redisUrl: redis.url, prefix, payload: 'pointer', store }, testContext('/tmp'));
    const gone = record('gone', 'Patient');
    gone.bundle.marker = 'unique-to-gone';
    await sink.write([gone]);
    rmSync(store, { recursive: true, force: true });
    await sink.write([record('flaky', 'Patient')]);
    await sink.close();
    const q = new Queue<BundleEvent>(busKeys(prefix).queue('strict'), { connection, prefix });
    for (let i = 0; i < 1000 && ((await q.getJobCounts('failed')).failed < 1 || (await q.getJobCounts('completed')).completed < 1); i++) await new Promise((r) => setTimeout(r, 20));
    await sub.close();
    const [failed] = await q.getJobs(['failed']);
    await q.close();
    expect(failed.data.key).toBe('gone');
    expect(failed.failedReason).toContain('sink.bus.bundle-missing');
    expect(attempts.get('gone')).toBe(1);
    expect(attempts.get('flaky')).toBe(2);
  });

  it('fails to connect without a Redis URL, with a fix', async () => {
    const saved = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    await expect(createBusSink({}, testContext('/tmp')).connect()).rejects.toMatchObject({ code: 'config.bus.no-redis' });
    if (saved !== undefined) process.env.REDIS_URL = saved;
  });
});
