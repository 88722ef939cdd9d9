import { describe, expect, it } from 'vitest';
import { runWorkerCommand } from './worker.js';

describe('ingest worker', () => {
  it('explains that REDIS_URL is needed', async () => {
    const saved = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    expect(await runWorkerCommand('pipelines/examples/hl7-files-to-ndjson.yaml', { logLevel: 'silent' }, Promise.resolve())).toBe(2);
    if (saved !== undefined) process.env.REDIS_URL = saved;
  });
});
