import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpSource } from '../../connectors/http/http.js';
import { memoryLogger } from '../../connectors/test-context.js';
import { createConnectors } from '../runtime/create-connectors.js';
import type { RunCounts } from '../runtime/run-history.js';
import { runPipeline } from '../runtime/runner.js';
import { stateLayout } from '../runtime/state-dir.js';
import { checkPipelineText } from '../schema/check-pipeline.js';
import { DEFAULT_CATALOG } from '../schema/catalog.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';

const ADT = readFileSync('fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7', 'utf8');
const ORU = readFileSync('fixtures/hl7v2/ORU_R01/oru-r01-multi-obr.hl7', 'utf8');

let dir = '';
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'http-pipeline-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function pipeline(): PipelineConfig {
  const text = `name: http-in\nsource:\n  type: http\n  port: 0\n  basePath: /fhir\nvalidation:\n  policy: lenient\nsinks:\n  - type: ndjson\n    path: out.ndjson\n`;
  const { config, problems } = checkPipelineText(text, join(dir, 'p.yaml'), DEFAULT_CATALOG);
  expect(problems).toEqual([]);
  return config as PipelineConfig;
}

describe('http source in a pipeline', () => {
  it('converts and delivers every message it answered 202 for, Parameters and raw alike', async () => {
    const config = pipeline();
    const layout = stateLayout(join(dir, '.ingest'));
    const connectors = createConnectors(config, layout, memoryLogger());
    const source = connectors.source as HttpSource;
    await source.connect();
    const controller = new AbortController();
    let reached: () => void = () => undefined;
    const delivered = new Promise<void>((resolve) => (reached = resolve));
    const onProgress = (c: RunCounts): void => void (c.delivered + c.quarantined + c.skipped >= 3 && reached());
    const run = runPipeline(config, { stateDir: layout.root, connectors, signal: controller.signal, onProgress });
    const base = `http://127.0.0.1:${source.address()?.port ?? 0}/fhir`;
    const parameters = (data: string): string => JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'inputData', valueString: data }, { name: 'inputDataType', valueString: 'Hl7v2' }, { name: 'rootTemplate', valueString: 'ADT_A01' }] });
    const answers = await Promise.all([
      fetch(`${base}/$convert-data`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: parameters(ADT) }),
      fetch(`${base}/$convert-data`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: parameters(ORU) }),
      fetch(`${base}/messages`, { method: 'POST', headers: { 'content-type': 'x-application/hl7-v2+er7' }, body: ADT.replace('NORTHWIND_ADT', 'RAW_SENDER') }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    await delivered;
    controller.abort();
    const record = await run;
    expect(record.counts).toMatchObject({ read: 3, delivered: 3, quarantined: 0 });
    const bundles = readFileSync(join(dir, 'out.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { resourceType: string; meta?: { source?: string } });
    expect(bundles).toHaveLength(3);
    for (const b of bundles) expect(b.meta?.source).toMatch(/http:\/\/127\.0\.0\.1:\d+/);
  });
});
