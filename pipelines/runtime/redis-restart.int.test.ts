import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticAdt } from '../../connectors/mllp/test-client.js';
import { createNdjsonSink } from '../../connectors/ndjson/ndjson.js';
import { memoryLogger } from '../../connectors/test-context.js';
import type { Sink } from '../contracts/connector.js';
import { listQuarantine } from '../quarantine/file-quarantine.js';
import { checkPipelineText } from '../schema/check-pipeline.js';
import { DEFAULT_CATALOG } from '../schema/catalog.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';
import { enqueuePipeline, startQueueWorker } from './queue-mode.js';
import { conversionQueueName, redisOptionsFromUrl } from './queue-names.js';
import { retryQuarantined } from './quarantine-retry.js';
import { stateLayout } from './state-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'redis-restart-'));
let port = 0;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });

function startRedis(): void {
  mkdirSync(join(dir, 'redis'), { recursive: true });
  execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'yes']);
  for (let i = 0; i < 50; i++) {
    try {
      if (execFileSync('redis-cli', ['-p', String(port), 'ping']).toString().trim() === 'PONG') return;
    } catch {
      // not up yet
    }
    execFileSync('sleep', ['0.1']);
  }
}

const stopRedis = (): void => void execFileSync('redis-cli', ['-p', String(port), 'shutdown']);

afterAll(() => {
  try {
    stopRedis();
  } catch {
    // already down
  }
  rmSync(dir, { recursive: true, force: true });
});

const ORU = (id: string): string => syntheticAdt(id).replace('ADT^A01^ADT_A01', 'ORU^R01^ORU_R01');

describe('Redis restart (BullMQ mode)', () => {
  it('survives a Redis restart mid-run; poison messages land in quarantine and deliver after a template fix', async () => {
    port = await freePort();
    startRedis();
    const connection = redisOptionsFromUrl(`redis://127.0.0.1:${port}`);
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'tpl', 'ORU_R01.liquid'), '{ "resourceType": "Bundle", "type": "batch", "entry": [ {% oops %} ] }');
    const good = 40;
    for (let i = 0; i < good; i++) writeFileSync(join(dir, 'in', `a${String(i).padStart(3, '0')}.hl7`), syntheticAdt(`G${i}`));
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, 'in', `p${i}.hl7`), ORU(`P${i}`));
    const text = `name: restart\nstateDir: ${join(dir, 'state')}\nconcurrency: 2\nretry:\n  initialDelayMs: 50\n  maxAttempts: 20\nmapper:\n  format: hl7v2\n  templates: [tpl]\nvalidation:\n  policy: off\nsource:\n  type: file\n  path: in\nsinks:\n  - type: ndjson\n    path: out.ndjson\n    dedupe: true\n`;
    const config = checkPipelineText(text, join(dir, 'p.yaml'), DEFAULT_CATALOG).config as PipelineConfig;
    writeFileSync(join(dir, 'p.yaml'), text);
    const logger = memoryLogger();
    await enqueuePipeline(config, { connection, logger });

    const ndjson = createNdjsonSink({ path: 'out.ndjson', dedupe: true }, { pipeline: 'restart', stateDir: dir, baseDir: dir, logger });
    const slow: Sink = { connect: () => ndjson.connect(), close: () => ndjson.close(), write: async (b) => (await new Promise((r) => setTimeout(r, 15)), ndjson.write(b)) };
    const worker = await startQueueWorker(config, { connection, logger, sinks: [slow] });
    const lines = (): number => readFileSync(join(dir, 'out.ndjson'), 'utf8').split('\n').filter(Boolean).length;
    for (let i = 0; i < 200 && worker.run.counts.delivered < 8; i++) await new Promise((r) => setTimeout(r, 20));
    stopRedis();
    await new Promise((r) => setTimeout(r, 300));
    startRedis();
    const queue = new Queue(conversionQueueName('restart'), { connection });
    for (let i = 0; i < 300; i++) {
      const c = await queue.getJobCounts('completed');
      if (c.completed === good + 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();

    expect(lines()).toBe(good);
    const quarantined = listQuarantine(stateLayout(join(dir, 'state')).quarantine);
    expect(quarantined.map((q) => q.recordId).sort()).toEqual(['P0', 'P1', 'P2']);

    writeFileSync(join(dir, 'tpl', 'ORU_R01.liquid'), '{ "resourceType": "Bundle", "type": "batch", "entry": [ { "fullUrl": "urn:uuid:1", "resource": { "resourceType": "Basic", "id": "b1" } } ] }');
    const { items } = await retryQuarantined(stateLayout(join(dir, 'state')), { ids: [], catalog: DEFAULT_CATALOG, logger });
    expect(items.map((i) => i.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(lines()).toBe(good + 3);
  }, 60_000);
});
