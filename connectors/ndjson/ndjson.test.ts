import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConnectorConformance } from '../conformance.js';
import { testContext } from '../test-context.js';
import { createNdjsonSink } from './ndjson.js';

let dir = '';

runConnectorConformance({
  kind: 'sink',
  name: 'ndjson',
  async create() {
    dir = mkdtempSync(join(tmpdir(), 'ndjson-'));
    const sink = createNdjsonSink({ path: 'out/b.ndjson' }, testContext(dir));
    await sink.connect();
    return sink;
  },
  async readBack() {
    return readFileSync(join(dir, 'out/b.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  },
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

const record = (id: string) => ({
  key: `k-${id}`,
  bundle: { resourceType: 'Bundle', id, type: 'batch' },
  runId: 'r1',
  pipeline: 'p',
  origin: 'in/a.hl7',
  recordId: 'MSG1',
  issues: [{ severity: 'warning' as const, code: 'value', details: { text: 'odd' } }],
});

describe('ndjson sink', () => {
  it('json format writes one file per bundle id, replacing on retry', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ndjson-'));
    const sink = createNdjsonSink({ path: 'out', format: 'json' }, testContext(dir));
    await sink.write([record('x1'), record('x2')]);
    await sink.write([record('x1')]);
    await sink.close();
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['x1.json', 'x2.json']);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'x1.json'), 'utf8')).id).toBe('x1');
    rmSync(dir, { recursive: true, force: true });
  });

  it('envelope carries lineage and issues', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ndjson-'));
    const sink = createNdjsonSink({ path: 'e.ndjson', envelope: true }, testContext(dir));
    await sink.write([record('y1')]);
    await sink.close();
    const line = JSON.parse(readFileSync(join(dir, 'e.ndjson'), 'utf8'));
    expect(line).toMatchObject({ runId: 'r1', recordId: 'MSG1', bundle: { id: 'y1' } });
    expect(line.issues[0].details.text).toBe('odd');
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends across sink instances', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ndjson-'));
    for (const id of ['a', 'b']) {
      const sink = createNdjsonSink({ path: 'x.ndjson' }, testContext(dir));
      await sink.write([record(id)]);
      await sink.close();
    }
    expect(readFileSync(join(dir, 'x.ndjson'), 'utf8').trim().split('\n')).toHaveLength(2);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('ndjson sink dedupe', () => {
  it('skips delivery keys already in the file (Provenance id or envelope key), and repairs a torn last line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ndjson-'));
    const stored = { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Provenance', id: 'k-a' } }] };
    writeFileSync(join(dir, 'd.ndjson'), JSON.stringify(stored) + '\n{"resourceType":"Bun');
    const sink = createNdjsonSink({ path: 'd.ndjson', dedupe: true }, testContext(dir));
    await sink.connect();
    await sink.write([record('a'), record('b')]);
    await sink.write([record('b')]);
    await sink.close();
    const lines = readFileSync(join(dir, 'd.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]).id).toBe('b');
    rmSync(dir, { recursive: true, force: true });
  });
});
