import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../connectors/test-context.js';
import { syntheticAdt } from '../../connectors/mllp/test-client.js';
import { checkPipelineText } from '../schema/check-pipeline.js';
import { DEFAULT_CATALOG } from '../schema/catalog.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';
import { enqueuePipeline, startQueueWorker } from './queue-mode.js';
import { conversionQueueName, redisOptionsFromUrl } from './queue-names.js';
import type { RedisOptions } from './queue-names.js';
import { redisForTests } from '../../connectors/redis-for-tests.js';

let redis: Awaited<ReturnType<typeof redisForTests>>;
let connection: RedisOptions;
let dir = '';
const prefix = `ingest-test-${process.pid}-${Date.now().toString(36)}`;

beforeAll(async () => {
  redis = await redisForTests();
  connection = redisOptionsFromUrl(redis.url);
  dir = mkdtempSync(join(tmpdir(), 'queue-mode-'));
});

afterAll(async () => {
  const queue = new Queue(conversionQueueName('queued'), { connection, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
  redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

function config(): PipelineConfig {
  const text = `name: queued\nstateDir: ${join(dir, 'state')}\nconcurrency: 3\nmapper:\n  format: hl7v2\nvalidation:\n  policy: off\nsource:\n  type: file\n  path: in\nsinks:\n  - type: ndjson\n    path: out.ndjson\n    dedupe: true\n`;
  return checkPipelineText(text, join(dir, 'p.yaml'), DEFAULT_CATALOG).config as PipelineConfig;
}

describe('BullMQ mode (real Redis)', () => {
  it('run enqueues each input once; two workers deliver every message exactly once and shut down gracefully', async () => {
    mkdirSync(join(dir, 'in'));
    const n = 60;
    for (let i = 0; i < n; i++) writeFileSync(join(dir, 'in', `m${String(i).padStart(3, '0')}.hl7`), syntheticAdt(`Q${i}`));
    const logger = memoryLogger();
    const first = await enqueuePipeline(config(), { connection, prefix, logger });
    expect(first.counts).toMatchObject({ read: n, skipped: 0 });
    const again = await enqueuePipeline(config(), { connection, prefix, logger });
    expect(again.counts).toMatchObject({ read: n, skipped: n });
    const queue = new Queue(conversionQueueName('queued'), { connection, prefix });
    expect((await queue.getJobCounts('waiting')).waiting).toBe(n);

    const workers = [await startQueueWorker(config(), { connection, prefix, logger }), await startQueueWorker(config(), { connection, prefix, logger })];
    for (let i = 0; i < 200; i++) {
      const c = await queue.getJobCounts('completed');
      if (c.completed === n) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
    const ids = readFileSync(join(dir, 'out.ndjson'), 'utf8').trim().split('\n').map((l) => {
      const b = JSON.parse(l) as { entry: { resource: { resourceType: string; entity?: { what: { identifier?: { value: string } } }[] } }[] };
      return b.entry.findLast((e) => e.resource.resourceType === 'Provenance')?.resource.entity?.[0].what.identifier?.value;
    });
    expect(new Set(ids).size).toBe(n);
    expect(ids).toHaveLength(n);
    expect(workers.map((w) => w.run.counts.delivered).reduce((a, b) => a + b)).toBe(n);
    expect(workers.every((w) => w.run.status === 'done')).toBe(true);
  });
});
