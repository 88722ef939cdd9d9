import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sink, SinkRecord } from '../contracts/connector.js';
import { EngineError } from '../contracts/errors.js';
import type { ConversionResult } from '../convert/converter.js';
import { listQuarantine } from '../quarantine/file-quarantine.js';
import { checkPipelineText } from '../schema/check-pipeline.js';
import { DEFAULT_CATALOG } from '../schema/catalog.js';
import type { PipelineConfig } from '../schema/pipeline-config.js';
import { memoryLogger } from '../../connectors/test-context.js';
import type { ConversionService } from './conversion-service.js';
import { RUN_TAG_SYSTEM } from './lineage.js';
import { listRuns } from './run-history.js';
import { runPipeline } from './runner.js';
import { createFileSource } from '../../connectors/file/file.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-'));
  mkdirSync(join(dir, 'in'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function pipeline(extra = ''): PipelineConfig {
  const text = `name: test-pipe\nstateDir: ${join(dir, 'state')}\nretry:\n  initialDelayMs: 1\n  maxAttempts: 3\nsource:\n  type: file\n  path: in\nsinks:\n  - type: ndjson\n    path: out/b.ndjson\n${extra}`;
  const { config, problems } = checkPipelineText(text, join(dir, 'p.yaml'), DEFAULT_CATALOG);
  expect(problems).toEqual([]);
  return config as PipelineConfig;
}

/** One record per line: `OK id`, `BAD id` (conversion error), `INVALID id` (error-level issue). */
const fakeConversion: ConversionService = {
  convert(text, source) {
    const results: ConversionResult[] = text.trim().split('\n').map((line, record) => {
      const [kind, id] = line.split(' ');
      const src = { name: source.name, record };
      if (kind === 'BAD') return { source: src, recordId: id, rootTemplate: undefined, ms: 0, error: new EngineError('parse.hl7.missing-msh', 'no MSH', { stage: 'parse' }) };
      const bundle = { resourceType: 'Bundle', id, type: 'transaction', entry: [{ fullUrl: `urn:uuid:${id}`, resource: { resourceType: 'Patient', id } }] };
      const issues = kind === 'INVALID' ? [{ severity: 'error' as const, code: 'required', details: { text: 'missing' } }] : [];
      return { source: src, recordId: id, rootTemplate: 'ADT_A01', ms: 0, bundle, issues };
    });
    return { results, collectionHash: 'hash123' };
  },
};

const readOut = () => readFileSync(join(dir, 'out/b.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('embedded runner', () => {
  it('delivers valid records with lineage, quarantines failed and invalid ones (strict), records the run', async () => {
    writeFileSync(join(dir, 'in', 'a.txt'), 'OK m1\nBAD m2\n');
    writeFileSync(join(dir, 'in', 'b.txt'), 'INVALID m3\nOK m4 DOE^JANE\n');
    const logger = memoryLogger();
    const run = await runPipeline(pipeline(), { conversion: fakeConversion, logger });
    expect(run.status).toBe('done');
    expect(run.counts).toMatchObject({ read: 2, converted: 3, invalid: 1, delivered: 2, quarantined: 2, skipped: 0 });
    const out = readOut();
    expect(out.map((b) => b.id)).toEqual(['m1', 'm4']);
    const [bundle] = out;
    expect(bundle.meta.tag).toContainEqual({ system: RUN_TAG_SYSTEM, code: run.runId });
    expect(bundle.entry[0].resource.meta.source).toBe(`file://${join(dir, 'in', 'a.txt')}`);
    const prov = bundle.entry[1].resource;
    expect(prov).toMatchObject({ resourceType: 'Provenance', target: [{ reference: 'urn:uuid:m1' }], entity: [{ role: 'source', what: { identifier: { value: 'm1' } } }] });
    expect(JSON.stringify(prov.extension)).toContain('hash123');
    expect(bundle.entry[1].request).toEqual({ method: 'PUT', url: `Provenance/${prov.id}` });
    const q = listQuarantine(join(dir, 'state', 'quarantine'));
    expect(q.map((i) => [i.recordId, i.error?.code ?? i.outcome?.resourceType, i.attempts, i.pipeline])).toEqual(
      expect.arrayContaining([['m2', 'parse.hl7.missing-msh', 1, 'test-pipe'], ['m3', 'OperationOutcome', 1, 'test-pipe']]),
    );
    expect(listRuns(join(dir, 'state', 'runs'))).toEqual([run]);
    expect(JSON.stringify(logger.entries)).not.toContain('DOE');
    expect(logger.entries.some((e) => e.msg === 'quarantined')).toBe(true);
  });

  it('lenient policy delivers invalid bundles with their issues attached', async () => {
    writeFileSync(join(dir, 'in', 'a.txt'), 'INVALID m3\n');
    const config = pipeline('validation:\n  policy: lenient\n');
    config.sinks[0].config.envelope = true;
    const run = await runPipeline(config, { conversion: fakeConversion });
    expect(run.counts).toMatchObject({ invalid: 1, delivered: 1, quarantined: 0 });
    expect(readOut()[0].issues[0].details.text).toBe('missing');
  });

  it('a re-run skips inputs already done; a changed input is processed again', async () => {
    writeFileSync(join(dir, 'in', 'a.txt'), 'OK m1\n');
    writeFileSync(join(dir, 'in', 'b.txt'), 'OK m2\n');
    await runPipeline(pipeline(), { conversion: fakeConversion });
    const again = await runPipeline(pipeline(), { conversion: fakeConversion });
    expect(again.counts).toMatchObject({ read: 2, skipped: 2, delivered: 0 });
    writeFileSync(join(dir, 'in', 'b.txt'), 'OK m2b\n');
    const third = await runPipeline(pipeline(), { conversion: fakeConversion });
    expect(third.counts).toMatchObject({ read: 2, skipped: 1, delivered: 1 });
    expect(readOut().map((b) => b.id)).toEqual(['m1', 'm2', 'm2b']);
    expect(listRuns(join(dir, 'state', 'runs'))).toHaveLength(3);
  });

  it('retries transient sink failures with backoff; quarantines permanent ones with the attempt count', async () => {
    writeFileSync(join(dir, 'in', 'a.txt'), 'OK m1\n');
    writeFileSync(join(dir, 'in', 'b.txt'), 'OK m2\n');
    const written: SinkRecord[] = [];
    let calls = 0;
    const flaky: Sink = {
      connect: async () => undefined,
      close: async () => undefined,
      async write(batch) {
        calls += 1;
        const id = batch[0].bundle.id;
        if (id === 'm1' && calls < 3) throw new EngineError('sink.http.503', 'busy', { stage: 'sink', retryable: true });
        if (id === 'm2') throw new EngineError('sink.http.400', 'rejected', { stage: 'sink' });
        written.push(...batch);
      },
    };
    const config = pipeline();
    const source = createFileSource({ path: join(dir, 'in') }, { pipeline: 'p', stateDir: dir, baseDir: dir, logger: memoryLogger() });
    const run = await runPipeline(config, { conversion: fakeConversion, connectors: { source, sinks: [flaky] } });
    expect(written.map((r) => r.bundle.id)).toEqual(['m1']);
    expect(run.counts).toMatchObject({ delivered: 1, quarantined: 1, retried: 2 });
    const [item] = listQuarantine(join(dir, 'state', 'quarantine'));
    expect(item).toMatchObject({ recordId: 'm2', attempts: 1, error: { code: 'sink.http.400' } });
  });

  it('stops on abort and records the run as interrupted', async () => {
    const config = pipeline();
    config.source.config.watch = true;
    const controller = new AbortController();
    const pending = runPipeline(config, { conversion: fakeConversion, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await pending).status).toBe('interrupted');
  });

  it('converts a real HL7v2 file end to end with the built-in templates', async () => {
    copyFileSync('fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7', join(dir, 'in', 'adt.hl7'));
    writeFileSync(join(dir, 'in', 'junk.hl7'), 'this is not hl7');
    const run = await runPipeline(pipeline('validation:\n  policy: lenient\n'));
    expect(run.counts).toMatchObject({ read: 2, delivered: 1, quarantined: 1 });
    const [bundle] = readOut();
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.at(-1).resource.resourceType).toBe('Provenance');
    expect(existsSync(join(dir, 'state', 'pipelines.json'))).toBe(true);
  });
});
