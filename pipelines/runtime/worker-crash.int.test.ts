import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busConnectionFromUrl, busKeys } from '../../connectors/bus/bus-keys.js';
import { registerSubscriber } from '../../connectors/bus/subscribers.js';
import { COUNTS_PATH, spawnMedplumFhirServer } from '../../connectors/fhir/medplum-fhir-server.js';
import { ackField, MllpTestClient, syntheticAdt } from '../../connectors/mllp/test-client.js';
import { redisForTests } from '../../connectors/redis-for-tests.js';
import { bundleChildRunner, startChildPipeline } from './child-harness.js';
import type { ChildPipeline } from './child-harness.js';
import { conversionQueueName } from './queue-names.js';

const N = 5000;
const prefix = `crash-${process.pid}-${Date.now().toString(36)}`;
let redis: Awaited<ReturnType<typeof redisForTests>>;
let fhir: { url: string; stop: () => void };
let script = '';
const dir = mkdtempSync(join(tmpdir(), 'worker-crash-'));
const children: ChildPipeline[] = [];

beforeAll(async () => {
  [script, redis, fhir] = await Promise.all([bundleChildRunner(), redisForTests(), spawnMedplumFhirServer()]);
});

afterAll(async () => {
  for (const c of children) c.proc.kill('SIGKILL');
  const client = new Redis(busConnectionFromUrl(redis.url));
  const keys = await client.keys(`${prefix}:*`);
  if (keys.length > 0) await client.del(...keys);
  client.disconnect();
  fhir.stop();
  redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Patients created so far, from the server's counter (polling a search would load the server O(n) per call). */
async function patientCount(): Promise<number> {
  const res = await fetch(`${new URL(fhir.url).origin}${COUNTS_PATH}`);
  return ((await res.json()) as { created: Record<string, number> }).created.Patient ?? 0;
}

/** MSH-10 of every message whose Patient is on the server (the synthetic PID-3 is `PAT<MSH-10>`). */
async function deliveredToFhir(): Promise<string[]> {
  const res = await fetch(`${fhir.url}/Patient?_count=100000`);
  const bundle = (await res.json()) as { entry?: { resource: { identifier?: { value?: string }[] } }[] };
  return (bundle.entry ?? []).flatMap((e) => (e.resource.identifier ?? []).map((i) => i.value ?? '')).filter((v) => v.startsWith('PAT')).map((v) => v.slice(3));
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('crash safety (BullMQ: MLLP listener → Redis → worker → real FHIR server process + event bus)', () => {
  it(`SIGKILL a worker mid ${N}-message stream: every ACKed message reaches the FHIR server and the subscriber queue exactly once`, async () => {
    const file = join(dir, 'p.yaml');
    writeFileSync(file, `name: wcrash\nstateDir: ${join(dir, 'state')}\nconcurrency: 8\nmapper:\n  format: hl7v2\nvalidation:\n  policy: off\nsource:\n  type: mllp\n  port: 0\nsinks:\n  - type: fhir\n    url: ${fhir.url}\n  - type: bus\n    redisUrl: ${redis.url}\n    prefix: ${prefix}\n`);
    await registerSubscriber('audit', {}, { connection: busConnectionFromUrl(redis.url), prefix });
    const env = { REDIS_URL: redis.url, INGEST_QUEUE_PREFIX: prefix, INGEST_LOCK_MS: '1500' };
    const listener = await startChildPipeline(script, file, 'enqueue', env);
    children.push(listener);
    const worker1 = await startChildPipeline(script, file, 'worker', env);
    children.push(worker1);
    const client = await MllpTestClient.open(listener.port);
    const ids = Array.from({ length: N }, (_, i) => `W${i}`);
    client.sendFramed(ids.map((id) => syntheticAdt(id)), 30);
    await until(async () => (await patientCount()) >= N * 0.3, 60_000);
    worker1.proc.kill('SIGKILL');
    expect(await worker1.exited).toBe('SIGKILL');
    const worker2 = await startChildPipeline(script, file, 'worker', env);
    children.push(worker2);
    await client.waitForAcks(N, 60_000);
    const acked = client.acks.filter((a) => ackField(a, 'MSA', 1) === 'AA').map((a) => ackField(a, 'MSA', 2));
    expect(acked).toHaveLength(N);
    await until(async () => (await patientCount()) >= N, 90_000);
    const bus = new Queue(busKeys(prefix).queue('audit'), { connection: busConnectionFromUrl(redis.url), prefix });
    await until(async () => (await bus.getJobCounts('waiting')).waiting >= N, 30_000);
    await client.close();
    worker2.proc.kill('SIGTERM');
    listener.proc.kill('SIGTERM');
    expect(await worker2.exited).toBe(0);
    expect(await listener.exited).toBe(0);

    const delivered = await deliveredToFhir();
    expect(delivered).toHaveLength(N);
    expect(new Set(delivered).size).toBe(N);
    const stored = new Set(delivered);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    const events = await bus.getJobs(['waiting'], 0, -1, true);
    expect(events).toHaveLength(N);
    expect(new Set(events.map((j) => (j.data as { recordId: string }).recordId)).size).toBe(N);
    const conv = new Queue(conversionQueueName('wcrash'), { connection: busConnectionFromUrl(redis.url), prefix });
    expect((await conv.getJobCounts('failed')).failed).toBe(0);
    await conv.close();
    await bus.close();
  }, 180_000);
});
