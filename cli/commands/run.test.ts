import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRunCommand } from './run.js';
import { renderRuns } from './runs.js';

describe('ingest run / ingest runs', () => {
  it('runs a pipeline file, then lists the run with its counts; a bad file exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-run-'));
    mkdirSync(join(dir, 'inbox'));
    copyFileSync('fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7', join(dir, 'inbox', 'a.hl7'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, `name: cli-test\nstateDir: ${join(dir, 'st')}\nvalidation:\n  policy: off\nsource:\n  type: file\n  path: inbox\nsinks:\n  - type: ndjson\n    path: out.ndjson\n`);
    let out = '';
    expect(await runRunCommand(file, { logLevel: 'silent', quiet: true }, (t) => (out += t))).toBe(0);
    expect(out).toMatch(/^run \S+ done: read 1 {2}converted 1 {2}invalid 0 {2}delivered 1 {2}quarantined 0/);
    expect(readFileSync(join(dir, 'out.ndjson'), 'utf8').trim().split('\n')).toHaveLength(1);
    const table = renderRuns(join(dir, 'st'));
    expect(table.split('\n')[0]).toMatch(/^RUN +PIPELINE +STATUS +READ/);
    expect(table).toMatch(/cli-test +done +1 +1 +0 +1 +0 +0/);
    writeFileSync(file, 'name: x\nsource:\n  type: fil\n');
    expect(await runRunCommand(file, { logLevel: 'silent', quiet: true }, () => undefined)).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});
