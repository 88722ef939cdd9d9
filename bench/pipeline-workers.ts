import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { COUNTS_PATH, spawnMedplumFhirServer } from '../connectors/fhir/medplum-fhir-server.js';
import { MllpTestClient, syntheticAdt } from '../connectors/mllp/test-client.js';
import { redisForTests } from '../connectors/redis-for-tests.js';
import { bundleChildRunner, startChildPipeline } from '../pipelines/runtime/child-harness.js';
import type { ChildPipeline } from '../pipelines/runtime/child-harness.js';
import { redisOptionsFromUrl } from '../pipelines/runtime/queue-names.js';
import { CpuMeter, cpuSplitNote } from './pipeline-cpu.js';
import type { MeteredProcess } from './pipeline-cpu.js';
import type { BenchResult } from './types.js';

/** Requests served and resources created, from the server's counters (a search would cost it O(n) per poll). */
async function serverCounts(url: string): Promise<{ requests: number; created: Record<string, number> }> {
  const res = await fetch(`${new URL(url).origin}${COUNTS_PATH}`);
  return (await res.json()) as { requests: number; created: Record<string, number> };
}

async function patients(url: string): Promise<number> {
  return (await serverCounts(url)).created.Patient ?? 0;
}

/** Patients found by a real FHIR search, to check the counter once at the end. */
async function searchedPatients(url: string): Promise<number> {
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

const CPU_NOTE = 'user+sys from /proc/<pid>/stat over the timed run; redis is the shared server, so other clients count too';

interface Measured {
  rate: number;
  cpu: string;
  cpuPer1000: number;
  /** CPU seconds per message of the worker processes together, and of everything else. */
  worker: number;
  others: number;
}

async function redisPid(redisUrl: string): Promise<number> {
  const redis = new Redis(redisOptionsFromUrl(redisUrl));
  const info = await redis.info('server');
  redis.disconnect();
  return Number(/process_id:(\d+)/.exec(info)?.[1] ?? 0);
}

async function measure(workers: number, n: number, script: string, redisUrl: string): Promise<Measured> {
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
    const before = await serverCounts(fhir.url);
    const base = before.created.Patient ?? 0;
    const procs: MeteredProcess[] = [
      { name: 'listener', pid: children[0].proc.pid ?? 0 },
      ...children.slice(1).map((c) => ({ name: 'worker', pid: c.proc.pid ?? 0 })),
      { name: 'FHIR server', pid: fhir.pid },
      { name: 'redis', pid: await redisPid(redisUrl) },
      { name: 'bench driver', pid: process.pid },
    ];
    const meter = new CpuMeter(procs);
    const started = performance.now();
    client.sendFramed(Array.from({ length: n }, (_, i) => syntheticAdt(`B${i}`)));
    await waitFor(async () => (await patients(fhir.url)) >= base + n, 300_000);
    const rate = n / ((performance.now() - started) / 1000);
    const split = meter.stop();
    const requests = (await serverCounts(fhir.url)).requests - before.requests;
    const found = await searchedPatients(fhir.url);
    if (found !== base + n) throw new Error(`FHIR server holds ${found} patients, expected ${base + n}`);
    const total = split.reduce((a, s) => a + s.seconds, 0);
    const worker = split.filter((s) => s.name === 'worker').reduce((a, s) => a + s.seconds, 0) / n;
    return { rate, cpu: `${cpuSplitNote(split, n)}; ${(requests / n).toFixed(2)} FHIR requests per message`, cpuPer1000: (total * 1000) / n, worker, others: total / n - worker };
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

/**
 * The best 2-vs-1 worker speed-up the machine allows for a measured split: with `w` worker and `o` other CPU
 * seconds per message on `cores` cores, k workers reach at most min(k / w, cores / (w + o)) messages/s.
 */
export function scalingCeiling(m: Pick<Measured, 'worker' | 'others'>, cores: number): number {
  const rate = (k: number): number => Math.min(k / m.worker, cores / (m.worker + m.others));
  return rate(2) / rate(1);
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
      { name: 'MLLP → Redis → convert → validate → FHIR, 1 worker', value: one.rate, unit: 'messages/s', note },
      { name: 'MLLP → Redis → convert → validate → FHIR, 2 workers', value: two.rate, unit: 'messages/s', note },
      { name: 'worker scaling 2 vs 1', value: two.rate / one.rate, unit: 'x', note: `${cpus().length} cores shared by listener, workers, FHIR server, Redis and the bench process` },
      { name: 'CPU s per 1,000 messages, 1 worker (all processes)', value: one.cpuPer1000, unit: 's', note: `${one.cpu}; ${CPU_NOTE}` },
      { name: 'CPU s per 1,000 messages, 2 workers (all processes)', value: two.cpuPer1000, unit: 's', note: `${two.cpu}; ${CPU_NOTE}` },
      { name: 'worker scaling ceiling 2 vs 1 from the 1-worker CPU split', value: scalingCeiling(one, cpus().length), unit: 'x', note: 'each worker process is bound by one core, and all processes by the cores' },
    ];
  } finally {
    redis.stop();
  }
}
