import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SubscriberStatus } from '../../connectors/bus/bus-admin.js';
import { busConnectionFromUrl } from '../../connectors/bus/bus-keys.js';
import { loadBundle } from '../../connectors/bus/load-bundle.js';
import { subscribe } from '../../connectors/bus/subscribers.js';
import { redisForTests } from '../../connectors/redis-for-tests.js';
import { registerBusCommand } from './bus.js';
import { runRunCommand } from './run.js';

const prefix = `cli-bus-${process.pid}-${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'cli-bus-'));
const savedUrl = process.env.REDIS_URL;
let redis: Awaited<ReturnType<typeof redisForTests>>;

beforeAll(async () => {
  redis = await redisForTests();
});

afterAll(async () => {
  const client = new Redis(busConnectionFromUrl(redis.url));
  const found = await client.keys(`${prefix}:*`);
  if (found.length > 0) await client.del(...found);
  client.disconnect();
  redis.stop();
  rmSync(dir, { recursive: true, force: true });
  if (savedUrl === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = savedUrl;
});

/** Runs `ingest bus ...args` through a fresh commander tree; returns stdout, stderr and the exit code. */
async function bus(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  const program = new Command().exitOverride();
  registerBusCommand(program, (t) => (out += t));
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'ingest', 'bus', ...args]);
  } finally {
    spy.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

const msh = (event: string, id: string): string => `MSH|^~\\&|S|SF|R|RF|20240101120000||ADT^${event}^ADT_A01|${id}|P|2.5.1\rEVN|${event}|20240101120000\rPID|1||P${id}^^^H^MR||TEST^ALPHA||19800101|F\r`;
const LABELLED = '{ "resourceType": "Bundle", "type": "batch", "entry": [ { "fullUrl": "urn:uuid:1", "resource": { "resourceType": "Patient", "id": "p1", "meta": { "security": [ { "code": "R" } ] } } } ] }';
const OBSERVATION = '{ "resourceType": "Bundle", "type": "batch", "entry": [ { "fullUrl": "urn:uuid:2", "resource": { "resourceType": "Observation", "id": "o1", "status": "final", "code": { "text": "SECRET-VALUE" } } } ] }';

describe('ingest bus (real Redis)', () => {
  it('needs REDIS_URL, with a fix', async () => {
    delete process.env.REDIS_URL;
    const r = await bus('subscribers');
    expect(r.code).toBe(2);
    expect(r.err).toContain('cli.bus.no-redis');
    expect(r.err).toContain('REDIS_URL=redis://');
  });

  it('subscribe, list, run a pipeline with pointer events, consume, peek, replay a run, unsubscribe', async () => {
    process.env.REDIS_URL = redis.url;
    expect((await bus('subscribers', '--prefix', prefix)).out).toBe('no subscribers registered\n');
    expect(await bus('subscribe', 'restricted', '--security-labels', 'R', '--prefix', prefix)).toMatchObject({ code: 0, out: 'registered restricted: securityLabels=R\n' });
    expect((await bus('subscribe', 'obs', '--resource-types', 'Observation,Condition', '--resource-types', 'Procedure', '--prefix', prefix, '--json')).out).toBe(
      JSON.stringify({ name: 'obs', filter: { resourceTypes: ['Observation', 'Condition', 'Procedure'] } }) + '\n',
    );
    expect((await bus('subscribe', 'bad:name', '--prefix', prefix)).code).toBe(2);

    for (const d of ['inbox', 'tpl']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'tpl', 'ADT_A01.liquid'), LABELLED);
    writeFileSync(join(dir, 'tpl', 'ADT_A04.liquid'), OBSERVATION);
    writeFileSync(join(dir, 'inbox', 'a.hl7'), msh('A01', 'R1'));
    writeFileSync(join(dir, 'inbox', 'b.hl7'), msh('A04', 'O1'));
    writeFileSync(join(dir, 'inbox', 'c.hl7'), msh('A04', 'O2'));
    const file = join(dir, 'p.yaml');
    const sink = `  - type: bus\n    redisUrl: ${redis.url}\n    prefix: ${prefix}\n    payload: pointer\n    store: bundles\n`;
    writeFileSync(file, `name: bus-cli\nstateDir: ${join(dir, 'state')}\nvalidation:\n  policy: off\nmapper:\n  format: hl7v2\n  templates: [tpl]\nsource:\n  type: file\n  path: inbox\nsinks:\n${sink}`);
    delete process.env.REDIS_URL;
    let runOut = '';
    expect(await runRunCommand(file, { logLevel: 'silent', quiet: true }, (t) => (runOut += t))).toBe(0);
    process.env.REDIS_URL = redis.url;
    const runId = /^run (\S+) done/.exec(runOut)?.[1] ?? '';
    expect(runId).not.toBe('');
    expect(readdirSync(join(dir, 'bundles')).length).toBeGreaterThan(0);

    const listed = JSON.parse((await bus('subscribers', '--prefix', prefix, '--json')).out) as SubscriberStatus[];
    expect(listed.map((s) => [s.name, s.counts.waiting])).toEqual([['obs', 2], ['restricted', 1]]);
    expect((await bus('subscribers', '--prefix', prefix)).out).toMatch(/^NAME +WAITING +ACTIVE +COMPLETED +FAILED +FILTER\nobs +2 +0 +0 +0 +resourceTypes=Observation,Condition,Procedure\nrestricted +1 +0 +0 +0 +securityLabels=R\n$/);

    const peek = await bus('peek', 'obs', '--limit', '5', '--prefix', prefix);
    expect(peek.out).toMatch(/^KEY +RUN +PIPELINE +RECORD ID +RESOURCE TYPES +ERRORS +WARNINGS +PAYLOAD\n/);
    expect(peek.out).toContain('O1');
    expect(peek.out).not.toContain('SECRET-VALUE');
    const peeked = JSON.parse((await bus('peek', 'obs', '--limit', '1', '--prefix', prefix, '--json')).out) as { recordId: string; runId: string; resourceTypes: string[]; payload: string }[];
    expect(peeked).toEqual([expect.objectContaining({ recordId: 'O1', runId, resourceTypes: ['Observation', 'Provenance'], payload: 'pointer', validation: { errors: 0, warnings: 0 } })]);
    expect(JSON.stringify(peeked)).not.toContain('SECRET-VALUE');
    expect((await bus('peek', 'obs', '--limit', '0', '--prefix', prefix)).code).toBe(2);
    expect((await bus('peek', 'nobody', '--prefix', prefix)).err).toContain('cli.bus.unknown-subscriber');

    const connection = busConnectionFromUrl(redis.url);
    const seen: { sub: string; record: string; types: string[] }[] = [];
    const consumer = (sub: string) => async (e: Parameters<typeof loadBundle>[0]): Promise<void> => {
      const bundle = (await loadBundle(e)) as { entry: { resource: { resourceType: string } }[] };
      seen.push({ sub, record: e.recordId ?? '', types: bundle.entry.map((x) => x.resource.resourceType) });
    };
    const subs = [
      await subscribe('restricted', { securityLabels: ['R'] }, consumer('restricted'), { connection, prefix }),
      await subscribe('obs', { resourceTypes: ['Observation', 'Condition', 'Procedure'] }, consumer('obs'), { connection, prefix }),
    ];
    await until(() => seen.length >= 3);
    expect(seen.map((s) => `${s.sub}:${s.record}`).sort()).toEqual(['obs:O1', 'obs:O2', 'restricted:R1']);
    expect(seen.find((s) => s.sub === 'restricted')?.types).toEqual(['Patient', 'Provenance']);

    expect((await bus('replay', runId, '--subscriber', 'restricted', '--prefix', prefix)).out).toBe(`re-queued 1 event of run ${runId} for restricted\n`);
    await until(() => seen.length >= 4);
    expect(JSON.parse((await bus('replay', runId, '--subscriber', 'obs', '--prefix', prefix, '--json')).out)).toEqual({ runId, subscriber: 'obs', requeued: 2 });
    await until(() => seen.length >= 6);
    for (const s of subs) await s.close();
    expect(seen.slice(3).map((s) => `${s.sub}:${s.record}`).sort()).toEqual(['obs:O1', 'obs:O2', 'restricted:R1']);
    expect((await bus('replay', 'no-such-run', '--subscriber', 'obs', '--prefix', prefix)).out).toContain('re-queued 0 events');

    const after = JSON.parse((await bus('subscribers', '--prefix', prefix, '--json')).out) as SubscriberStatus[];
    expect(after.map((s) => [s.name, s.counts.waiting, s.counts.completed])).toEqual([['obs', 0, 4], ['restricted', 0, 2]]);
    expect(await bus('unsubscribe', 'obs', '--drop-queue', '--prefix', prefix)).toMatchObject({ code: 0, out: 'unregistered obs and deleted its queue\n' });
    expect((await bus('unsubscribe', 'obs', '--prefix', prefix)).err).toContain('cli.bus.unknown-subscriber');
    expect((JSON.parse((await bus('subscribers', '--prefix', prefix, '--json')).out) as SubscriberStatus[]).map((s) => s.name)).toEqual(['restricted']);
  });

  it('fails fast when Redis does not answer', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    const r = await bus('subscribers');
    expect(r.code).toBe(1);
    expect(r.err).toContain('connect.bus.unreachable');
  });
});
