import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busConnectionFromUrl } from '../../connectors/bus/bus-keys.js';
import { ackField, MllpTestClient, syntheticAdt } from '../../connectors/mllp/test-client.js';
import { redisForTests } from '../../connectors/redis-for-tests.js';
import { bundleChildRunner, startChildPipeline } from '../runtime/child-harness.js';
import type { ChildPipeline } from '../runtime/child-harness.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const prefix = `example-sub-${process.pid}-${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'example-sub-'));
let redis: Awaited<ReturnType<typeof redisForTests>>;
let runner = '';
const children: ChildProcess[] = [];

/** Builds the example as `npm run build` would run it: one ESM file whose dependencies resolve from node_modules. */
async function buildExample(): Promise<string> {
  const out = join(HERE, '..', '..', 'node_modules', '.cache', 'moonlitic-ingest', 'example-subscriber.mjs');
  mkdirSync(dirname(out), { recursive: true });
  const { build } = await import('rolldown');
  await build({ input: join(HERE, 'example-subscriber.ts'), platform: 'node', external: [/^[^./]/], logLevel: 'silent', output: { file: out, format: 'esm' } });
  return out;
}

beforeAll(async () => {
  redis = await redisForTests();
  runner = await bundleChildRunner();
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  const client = new Redis(busConnectionFromUrl(redis.url));
  const found = await client.keys(`${prefix}:*`);
  if (found.length > 0) await client.del(...found);
  client.disconnect();
  redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('docs/subscribing.md example subscriber', () => {
  it('built and run as a process, it prints one line per bundle an MLLP pipeline publishes, pointer events included', async () => {
    const example = await buildExample();
    const env = { ...process.env, REDIS_URL: redis.url, INGEST_BUS_PREFIX: prefix };
    const sub = spawn(process.execPath, [example], { stdio: ['ignore', 'pipe', 'pipe'], env });
    children.push(sub);
    let out = '';
    let err = '';
    sub.stdout.on('data', (c: Buffer) => (out += c.toString()));
    sub.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await until(() => err.includes('subscribed as example-adt-consumer') || sub.exitCode !== null);
    expect(err).toContain('subscribed as example-adt-consumer');

    const file = join(dir, 'p.yaml');
    const sink = `  - type: bus\n    redisUrl: ${redis.url}\n    prefix: ${prefix}\n    payload: auto\n    maxInlineBytes: 4000\n    store: bundles\n`;
    writeFileSync(file, `name: example-feed\nstateDir: ${join(dir, 'state')}\nvalidation:\n  policy: lenient\nmapper:\n  format: hl7v2\nsource:\n  type: mllp\n  port: 0\nsinks:\n${sink}`);
    const pipeline: ChildPipeline = await startChildPipeline(runner, file, 'embedded', { REDIS_URL: '' });
    children.push(pipeline.proc);
    const client = await MllpTestClient.open(pipeline.port);
    client.sendFramed(['EX1', 'EX2', 'EX3'].map((id) => syntheticAdt(id)));
    const acks = await client.waitForAcks(3, 20_000);
    await client.close();
    expect(acks.map((a) => ackField(a, 'MSA', 1))).toEqual(['AA', 'AA', 'AA']);

    await until(() => out.split('\n').filter(Boolean).length >= 3);
    pipeline.proc.kill('SIGTERM');
    sub.kill('SIGTERM');
    await Promise.all([pipeline.exited, new Promise((r) => sub.once('exit', r))]);
    const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { record: string; pipeline: string; types: string[]; entries: number });
    expect(lines.map((l) => l.record).sort()).toEqual(['EX1', 'EX2', 'EX3']);
    for (const l of lines) {
      expect(l.pipeline).toBe('example-feed');
      expect(l.types).toContain('Patient');
      expect(l.entries).toBeGreaterThan(1);
    }
    expect(readdirSync(join(dir, 'bundles')).length).toBeGreaterThan(0);
  }, 120_000);
});
