import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { spawnMedplumFhirServer } from '../connectors/fhir/medplum-fhir-server.js';
import { MllpTestClient, syntheticAdt } from '../connectors/mllp/test-client.js';
import { redisForTests } from '../connectors/redis-for-tests.js';
import { bundleChildRunner, startChildPipeline } from '../pipelines/runtime/child-harness.js';
import type { ChildPipeline } from '../pipelines/runtime/child-harness.js';
import { redisOptionsFromUrl } from '../pipelines/runtime/queue-names.js';
import type { BenchResult } from './types.js';

async function patients(url: string): Promise<number> {
  const res = await fetch(`${url}/Patient?_summary=count`);
  return ((await res.json()) as { total: number }).total;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function measure(workers: number, n: number, script: string, redisUrl: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-workers-'));
  const fhir = await spawnMedplumFhirServer();
  const prefix = `bench-${process.pid}-${workers}-${Date.now().toString(36)}`;
  const file = join(dir, 'p.yaml');
  writeFileSync(file, `name: benchw\nstateDir: ${join(dir, 'state')}\nconcurrency: 4\nmapper:\n  format: hl7v2\nvalidation:\n  policy: strict\nsource:\n  type: mllp\n  port: 0\nsinks:\n  - type: fhir\n    url: ${fhir.url}\n`);
  const env = { REDIS_URL: redisUrl, INGEST_QUEUE_PREFIX: prefix };
  const children: ChildPipeline[] = [await startChildPipeline(script, file, 'enqueue', env)];
  for (let i = 0; i < workers; i++) children.push(await startChildPipeline(script, file, 'worker', env));
  const client = await MllpTestClient.open(children[0].port);
  try {
    client.sendFramed(Array.from({ length: 20 * workers }, (_, i) => syntheticAdt(`WARM${i}`)));
    await waitFor(async () => (await patients(fhir.url)) >= 20 * workers, 60_000);
    const base = await patients(fhir.url);
    const started = performance.now();
    client.sendFramed(Array.from({ length: n }, (_, i) => syntheticAdt(`B${i}`)));
    await waitFor(async () => (await patients(fhir.url)) >= base + n, 300_000);
    return n / ((performance.now() - started) / 1000);
  } finally {
    await client.close();
    for (const c of children) c.proc.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    const redis = new Redis(redisOptionsFromUrl(redisUrl));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    fhir.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** MLLP listener → BullMQ (Redis) → 1 or 2 worker processes → convert → validate → FHIR endpoint (loopback). */
export async function run(): Promise<BenchResult[]> {
  const n = Number(process.env.BENCH_WORKERS_N ?? 2000);
  const redis = await redisForTests();
  try {
    const script = await bundleChildRunner();
    const note = 'BullMQ mode, strict validation, Medplum FhirRouter server process; listener, workers and server are separate processes';
    const one = await measure(1, n, script, redis.url);
    const two = await measure(2, n, script, redis.url);
    return [
      { name: 'MLLP → Redis → convert → validate → FHIR, 1 worker', value: one, unit: 'messages/s', note },
      { name: 'MLLP → Redis → convert → validate → FHIR, 2 workers', value: two, unit: 'messages/s', note },
      { name: 'worker scaling 2 vs 1', value: two / one, unit: 'x', note: `${cpus().length} cores shared by listener, workers, Redis and the bench process` },
    ];
  } finally {
    redis.stop();
  }
}
