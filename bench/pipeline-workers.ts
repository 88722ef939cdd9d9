import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
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

const POLL_AGENT = new Agent({ keepAlive: true });

/**
 * Requests served and resources created, from the server's counters (a search would cost it O(n) per poll). Polled
 * every 50 ms over one keep-alive connection: `fetch` cost the bench process ~2 ms CPU per poll, which the CPU
 * split counted as "others".
 */
function serverCounts(url: string): Promise<{ requests: number; created: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    get(`${new URL(url).origin}${COUNTS_PATH}`, { agent: POLL_AGENT }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.once('end', () => resolve(JSON.parse(text) as { requests: number; created: Record<string, number> }));
      res.once('error', reject);
    }).once('error', reject);
  });
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

/** Calls per command from `INFO commandstats` (cumulative since the server started). */
async function redisCalls(redisUrl: string): Promise<Map<string, number>> {
  const redis = new Redis(redisOptionsFromUrl(redisUrl));
  const info = await redis.info('commandstats');
  redis.disconnect();
  return new Map([...info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

/** `cmd 1.23` pairs of Redis calls per message between two `redisCalls` snapshots, most frequent first. */
function redisCallsNote(before: Map<string, number>, after: Map<string, number>, messages: number): string {
  const per = [...after.entries()].map(([cmd, calls]) => [cmd, (calls - (before.get(cmd) ?? 0)) / messages] as const).filter(([, x]) => x >= 0.01);
  const total = per.reduce((a, [, x]) => a + x, 0);
  const top = per.sort((a, b) => b[1] - a[1]).slice(0, 6);
  return `redis calls per message ${total.toFixed(2)} (${top.map(([c, x]) => `${c} ${x.toFixed(2)}`).join(', ')}, …)`;
}

/**
 * Messages each worker process converts before the timed run. V8 keeps tiering the conversion code up for the first
 * ~1,000 messages of a process (CPU per message after 20 / 200 / 1,000 / 3,000 warm-up messages: about 1.9 / 1.25 /
 * 0.9 / 0.8 ms); with a short warm-up every extra worker process pays this once inside the timed run, which was part
 * of the higher worker CPU per message with 2 workers (the rest comes from sharing 2 cores, see docs/performance.md).
 */
const WARM_PER_WORKER = Number(process.env.BENCH_WORKERS_WARM ?? 1000);

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
    const warm = WARM_PER_WORKER * workers;
    client.sendFramed(Array.from({ length: warm }, (_, i) => syntheticAdt(`WARM${i}`)));
    await waitFor(async () => (await patients(fhir.url)) >= warm, 120_000);
    const before = await serverCounts(fhir.url);
    const base = before.created.Patient ?? 0;
    const procs: MeteredProcess[] = [
      { name: 'listener', pid: children[0].proc.pid ?? 0 },
      ...children.slice(1).map((c) => ({ name: 'worker', pid: c.proc.pid ?? 0 })),
      { name: 'FHIR server', pid: fhir.pid },
      { name: 'redis', pid: await redisPid(redisUrl) },
      { name: 'bench driver', pid: process.pid },
    ];
    const callsBefore = await redisCalls(redisUrl);
    const meter = new CpuMeter(procs);
    const started = performance.now();
    client.sendFramed(Array.from({ length: n }, (_, i) => syntheticAdt(`B${i}`)));
    await waitFor(async () => (await patients(fhir.url)) >= base + n, 300_000);
    const rate = n / ((performance.now() - started) / 1000);
    const split = meter.stop();
    const calls = redisCallsNote(callsBefore, await redisCalls(redisUrl), n);
    const requests = (await serverCounts(fhir.url)).requests - before.requests;
    const found = await searchedPatients(fhir.url);
    if (found !== base + n) throw new Error(`FHIR server holds ${found} patients, expected ${base + n}`);
    const total = split.reduce((a, s) => a + s.seconds, 0);
    const worker = split.filter((s) => s.name === 'worker').reduce((a, s) => a + s.seconds, 0) / n;
    return { rate, cpu: `${cpuSplitNote(split, n)}; ${(requests / n).toFixed(2)} FHIR requests per message; ${calls}`, cpuPer1000: (total * 1000) / n, worker, others: total / n - worker };
  } finally {
    await client.close();
    for (const c of children) c.proc.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    POLL_AGENT.destroy();
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

/**
 * MLLP listener → BullMQ (Redis) → 1 or 2 worker processes → convert → validate → FHIR endpoint (loopback).
 * Env: `BENCH_WORKERS_N` timed messages, `BENCH_WORKERS_WARM` warm-up messages per worker, `BENCH_WORKERS_ORDER=21`
 * measures 2 workers first (alternate it between runs), `BENCH_REDIS_URL` a Redis no other process uses (else the
 * test Redis, shared).
 */
export async function run(): Promise<BenchResult[]> {
  const n = Number(process.env.BENCH_WORKERS_N ?? 2000);
  const redis = process.env.BENCH_REDIS_URL ? { url: process.env.BENCH_REDIS_URL, stop: () => undefined } : await redisForTests();
  try {
    const script = await bundleChildRunner();
    const note = 'BullMQ mode, strict validation, Medplum FhirRouter server process; listener, workers and server are separate processes';
    const order = process.env.BENCH_WORKERS_ORDER === '21' ? [2, 1] : [1, 2];
    const [first, second] = [await measure(order[0], n, script, redis.url), await measure(order[1], n, script, redis.url)];
    const [one, two] = order[0] === 1 ? [first, second] : [second, first];
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
