import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listQuarantine } from '../../pipelines/quarantine/file-quarantine.js';
import { runRunCommand } from './run.js';
import { renderQuarantineItem, renderQuarantineList, runQuarantineRetry } from './quarantine.js';

const ADT = 'MSH|^~\\&|S|SF|R|RF|20240101120000||ADT^A01^ADT_A01|Q1|P|2.5.1\rEVN|A01|20240101120000\rPID|1||P1^^^H^MR||TEST^ALPHA||19800101|F\r';

describe('ingest quarantine', () => {
  it('lists and shows a failed item, and a retry after a template fix delivers it and empties quarantine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-q-'));
    mkdirSync(join(dir, 'inbox'));
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'inbox', 'a.hl7'), ADT);
    writeFileSync(join(dir, 'tpl', 'ADT_A01.liquid'), '{ "resourceType": "Bundle", "type": "batch", "entry": [ {% broken %} ] }');
    const file = join(dir, 'p.yaml');
    const state = join(dir, 'st');
    writeFileSync(file, `name: q-test\nstateDir: ${state}\nvalidation:\n  policy: off\nmapper:\n  format: hl7v2\n  templates: [tpl]\nsource:\n  type: file\n  path: inbox\nsinks:\n  - type: ndjson\n    path: out.ndjson\n`);
    expect(await runRunCommand(file, { logLevel: 'silent', quiet: true }, () => undefined)).toBe(1);
    const list = renderQuarantineList(state);
    expect(list).toMatch(/^ID +PIPELINE +RECORD +RECORD ID +ATTEMPTS +CODE/);
    expect(list).toMatch(/q-test +1 +Q1 +1 +\S+/);
    const [item] = listQuarantine(join(state, 'quarantine'));
    expect(renderQuarantineItem(state, item.id)).toContain(`input: ${ADT.length} bytes`);
    let out = '';
    expect(await runQuarantineRetry([item.id], { stateDir: state }, (t) => (out += t))).toBe(1);
    expect(out).toMatch(/^failed/);
    expect(listQuarantine(join(state, 'quarantine'))[0].attempts).toBe(2);
    writeFileSync(join(dir, 'tpl', 'ADT_A01.liquid'), '{ "resourceType": "Bundle", "type": "batch", "entry": [ { "fullUrl": "urn:uuid:1", "resource": { "resourceType": "Patient", "id": "p1" } } ] }');
    out = '';
    expect(await runQuarantineRetry([], { stateDir: state, all: true }, (t) => (out += t))).toBe(0);
    expect(out).toMatch(/^delivered +\S+\nread 1 {2}converted 1/);
    expect(listQuarantine(join(state, 'quarantine'))).toEqual([]);
    const bundle = JSON.parse(readFileSync(join(dir, 'out.ndjson'), 'utf8').trim());
    expect(bundle.entry[0].resource.id).toBe('p1');
    expect(bundle.entry[1].resource.resourceType).toBe('Provenance');
    expect(await runQuarantineRetry([], { stateDir: state }, () => undefined)).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});
