import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

const ADT = 'fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7';

let out: string[];
let err: string[];
let dir: string;

beforeEach(() => {
  out = [];
  err = [];
  dir = mkdtempSync(join(tmpdir(), 'ingest-convert-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const run = (...args: string[]): Promise<number> =>
  main(['convert', ...args, '--quarantine', join(dir, 'quarantine')]);

describe('ingest convert', () => {
  it('prints one valid bundle for one input and exits 0', async () => {
    const code = await run(ADT);
    expect(code).toBe(0);
    const bundle = JSON.parse(out.join('')) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toContain('Patient');
    expect(err.join('')).toMatch(/converted 1, failed 0, invalid 0/);
  });

  it('--pretty prints the Microsoft-style indented JSON', async () => {
    await run(ADT, '--pretty');
    expect(out.join('')).toMatch(/^\{\n {2}"resourceType": "Bundle",\n/);
  });

  it('names the files it skips in a folder (outputs, docs, hidden) and says how to convert them anyway', async () => {
    const inbox = join(dir, 'inbox-skips');
    mkdirSync(join(inbox, 'nested'), { recursive: true });
    writeFileSync(join(inbox, 'a.hl7'), readFileSync(ADT));
    writeFileSync(join(inbox, 'nested', 'bundle.json'), '{"resourceType":"Patient"}');
    writeFileSync(join(inbox, 'notes.md'), '# notes');
    writeFileSync(join(inbox, '.hidden.hl7'), readFileSync(ADT));
    const code = await run(inbox, '--out', join(dir, 'out-skips'));
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out-skips'))).toEqual(['a.json']);
    const text = err.join('');
    expect(text).toMatch(/from 1 input\(s\)/);
    expect(text).toMatch(/skipped 3 file\(s\)/);
    expect(text).toContain(join(inbox, 'nested', 'bundle.json'));
    expect(text).toContain(join(inbox, '.hidden.hl7'));
  });

  it('goes on past a bad file, quarantines it with its error, and exits 1', async () => {
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'a-good.hl7'), readFileSync(ADT));
    writeFileSync(join(inbox, 'b-bad.hl7'), 'PID|1||123\r');
    writeFileSync(join(inbox, 'c-good.hl7'), readFileSync(ADT));
    const code = await run(inbox, '--out', join(dir, 'out'));
    expect(code).toBe(1);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a-good.json', 'c-good.json']);
    const items = readdirSync(join(dir, 'quarantine'));
    expect(items).toHaveLength(1);
    const item = JSON.parse(readFileSync(join(dir, 'quarantine', items[0], 'item.json'), 'utf8')) as {
      error: { code: string };
      source: { name: string };
    };
    expect(item.error.code).toBe('parse.hl7.missing-msh');
    expect(item.source.name).toBe(join(inbox, 'b-bad.hl7'));
    expect(readFileSync(join(dir, 'quarantine', items[0], 'input.bin'), 'utf8')).toBe('PID|1||123\r');
    expect(err.join('')).toMatch(/b-bad\.hl7: conversion failed/);
    expect(err.join('')).toMatch(/converted 2, failed 1/);
  });

  it('--json-errors prints machine-readable errors with code and position', async () => {
    const bad = join(dir, 'bad.hl7');
    writeFileSync(bad, 'MSH|^~\\&|A|B\rPID|1||1^^^X||Doe^J\\X4\\\r');
    const code = await run(bad, '--json-errors');
    expect(code).toBe(1);
    const line = err.find((l) => l.startsWith('{')) ?? '';
    const parsed = JSON.parse(line) as { input: string; error: { code: string; location: { segment: string } } };
    expect(parsed.input).toBe(bad);
    expect(parsed.error.code).toBe('parse.hl7.bad-escape');
    expect(parsed.error.location.segment).toBe('PID');
  });

  it('--ndjson writes one bundle per record of a batch file', async () => {
    const code = await run('fixtures/hl7v2/ORU_R01/oru-r01-fhs-bhs-batch.hl7', '--ndjson');
    expect(code).toBe(0);
    const lines = out.join('').trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect((JSON.parse(l) as { resourceType: string }).resourceType).toBe('Bundle');
  });

  it('--report lists fields no template read, by position, without values', async () => {
    const file = join(dir, 'z.hl7');
    writeFileSync(file, `${readFileSync(ADT, 'utf8').trimEnd()}\rZXY|1|SECRET-VALUE\r`);
    await run(file, '--report');
    const text = err.join('');
    expect(text).toMatch(/Lossiness report/);
    expect(text).toMatch(/ZXY-2\.1/);
    expect(text).not.toMatch(/SECRET-VALUE/);
  });

  it('a user template folder is layered over the built-in collection', async () => {
    const user = join(dir, 'templates');
    mkdirSync(user);
    writeFileSync(
      join(user, 'ADT_A01.liquid'),
      '{% assign s = hl7v2Data | get_first_segments: \'MSH\' -%}{ "resourceType": "Bundle", "type": "collection", "identifier": { "value": "{{ s.MSH.10.Value }}" } }',
    );
    const code = await run(ADT, '--template-dir', user, '--no-validate');
    expect(code).toBe(0);
    const bundle = JSON.parse(out.join('')) as { type: string; identifier: { value: string } };
    expect(bundle.type).toBe('collection');
    expect(bundle.identifier.value).toBe('MSG00001-A01');
  });

  it('an unknown root template fails with a clear code and exit 1', async () => {
    const code = await run(ADT, '--root-template', 'NOPE_X99', '--json-errors');
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/"code":"template.root-not-found"/);
  });

  it('a missing input is a usage error (exit 2)', async () => {
    const code = await run(join(dir, 'missing.hl7'));
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/Input not found/);
  });

  it('--help teaches with examples', async () => {
    const code = await main(['convert', '--help']);
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/Examples:/);
    expect(existsSync(ADT)).toBe(true);
  });
});

describe('ingest convert: validation', () => {
  it('quarantines a bundle that fails validation with its OperationOutcome, naming the template, and exits 3', async () => {
    const user = join(dir, 'bad-templates');
    mkdirSync(user);
    writeFileSync(
      join(user, 'ADT_A01.liquid'),
      '{ "resourceType": "Bundle", "type": "batch", "entry": [ { "fullUrl": "urn:uuid:1", "resource": { "resourceType": "Patient", "id": "1", "gender": "mal" }, "request": { "method": "PUT", "url": "Patient/1" } } ] }',
    );
    const code = await run(ADT, '--template-dir', user, '--out', join(dir, 'out'));
    expect(code).toBe(3);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.json') && f !== 'lossiness-report.json')).toEqual([]);
    const items = readdirSync(join(dir, 'quarantine'));
    expect(items).toHaveLength(1);
    const item = JSON.parse(readFileSync(join(dir, 'quarantine', items[0], 'item.json'), 'utf8')) as {
      outcome: { resourceType: string; issue: { expression: string[]; source?: { template?: string } }[] };
    };
    expect(item.outcome.resourceType).toBe('OperationOutcome');
    const gender = item.outcome.issue.find((i) => i.expression[0] === 'Bundle.entry[0].resource.gender');
    expect(gender?.source?.template).toBe('ADT_A01');
    expect(err.join('')).toMatch(/Bundle\.entry\[0\]\.resource\.gender .*\[template ADT_A01\]/);
  });
});

describe('ingest convert: C-CDA', () => {
  it('--report lists C-CDA sections the built-in collection does not map', async () => {
    const code = await run('fixtures/ccda/CCD/all-sections.ccda', '--report');
    expect(code).toBe(0);
    expect(err.join('')).toMatch(/\/ClinicalDocument\/component\/structuredBody\/component\[\d+\]\/section/);
  });
});
