import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCatalogList, runPipelinesCheck } from './pipelines.js';

describe('ingest pipelines', () => {
  it('list names sources, sinks, mappers and validators with summaries', () => {
    const text = renderCatalogList();
    const section = (kind: string) => text.split(`${kind}:\n`)[1].split(/\n\S/)[0];
    expect(section('sources')).toMatch(/^ {2}file +Reads files/m);
    expect(section('sources')).toMatch(/^ {2}mllp +HL7v2 MLLP listener/m);
    expect(section('sinks')).toMatch(/^ {2}ndjson +Writes bundles/m);
    expect(section('sinks')).toMatch(/^ {2}fhir +POSTs bundles/m);
    expect(section('sinks')).not.toContain('mllp');
    expect(text).toContain('mappers:\n  hl7v2');
    expect(text).toContain('validators:');
  });

  it('check prints OK for an example and line/key/fix for a broken file', () => {
    let out = '';
    expect(runPipelinesCheck('pipelines/examples/hl7-files-to-ndjson.yaml', (t) => (out += t))).toBe(0);
    expect(out).toContain('OK — pipeline hl7-files-to-ndjson: file → hl7v2 → ndjson');
    const dir = mkdtempSync(join(tmpdir(), 'pl-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nsource:\n  type: file\n  path: in\nsinks:\n  - type: ndjson\n    pth: x\n');
    out = '';
    expect(runPipelinesCheck(file, (t) => (out += t))).toBe(2);
    expect(out).toContain(`${file}:7:5 sinks[0].pth: Unknown key \`pth\``);
    expect(out).toContain('Did you mean `path`?');
    rmSync(dir, { recursive: true, force: true });
  });
});
