import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../pipelines/contracts/connector.js';
import { runConnectorConformance } from '../conformance.js';
import { testContext } from '../test-context.js';
import { createFileSource, listSourceFiles } from './file.js';
import type { FileSourceConfig } from './file.js';
import { globToRegExp } from './glob.js';

let dir = '';

async function start(payloads: string[], config: Partial<FileSourceConfig> = {}): Promise<Source> {
  dir = mkdtempSync(join(tmpdir(), 'file-src-'));
  mkdirSync(join(dir, 'in'));
  payloads.forEach((p, i) => writeFileSync(join(dir, 'in', `msg-${String(i).padStart(3, '0')}.hl7`), p));
  return restart(config);
}

async function restart(config: Partial<FileSourceConfig> = {}): Promise<Source> {
  const source = createFileSource({ path: 'in', after: 'delete', ...config }, testContext(dir));
  await source.connect();
  return source;
}

runConnectorConformance({
  kind: 'source',
  name: 'file',
  finite: true,
  start: (p) => start(p),
  restart: () => restart(),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

describe('file source', () => {
  it('matches globs on relative paths', () => {
    expect(globToRegExp('*.hl7').test('a/b/x.hl7')).toBe(true);
    expect(globToRegExp('*.hl7').test('x.txt')).toBe(false);
    expect(globToRegExp('sub/**/*.{xml,ccda}').test('sub/x/y/doc.ccda')).toBe(true);
    expect(globToRegExp('sub/**/*.{xml,ccda}').test('sub/doc.xml')).toBe(true);
    expect(globToRegExp('sub/*.xml').test('other/doc.xml')).toBe(false);
    expect(globToRegExp('a?.txt').test('ab.txt')).toBe(true);
  });

  it('filters by glob, skips hidden files, gives a content key that changes with content', async () => {
    const s = await start(['MSH|one'], { glob: '*.hl7', after: 'keep' });
    writeFileSync(join(dir, 'in', 'notes.txt'), 'x');
    writeFileSync(join(dir, 'in', '.hidden.hl7'), 'x');
    const d = await s.read();
    expect(d?.message.origin).toBe(join(dir, 'in', 'msg-000.hl7'));
    expect(d?.message.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
    await d?.ack();
    expect(await s.read()).toBeUndefined();
    const key = d?.message.dedupeKey;
    writeFileSync(join(dir, 'in', 'msg-000.hl7'), 'MSH|two');
    const again = await restart({ glob: '*.hl7', after: 'keep' });
    const d2 = await again.read();
    expect(d2?.message.dedupeKey).not.toBe(key);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves and archives files only after a successful ack', async () => {
    const s = await start(['a', 'b'], { after: 'archive', moveTo: 'archive' });
    const d1 = await s.read();
    await d1?.ack(new Error('transient'));
    expect(existsSync(join(dir, 'in', 'msg-000.hl7'))).toBe(true);
    const d2 = await s.read();
    await d2?.ack();
    const day = new Date().toISOString().slice(0, 10);
    expect(readdirSync(join(dir, 'archive', day))).toEqual(['msg-000.hl7']);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('watch mode picks up new files once they settle, and ends on close', async () => {
    const s = await start([], { watch: true, pollMs: 50, settleMs: 0, after: 'move', moveTo: 'done' });
    const pending = s.read();
    const file = join(dir, 'in', 'late.hl7');
    writeFileSync(file, 'late');
    const old = new Date(Date.now() - 10_000);
    utimesSync(file, old, old);
    const d = await pending;
    expect(d?.message.payload.toString()).toBe('late');
    await d?.ack();
    expect(readdirSync(join(dir, 'done'))).toEqual(['late.hl7']);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists matching files in order, skipping the moveTo folder inside the source folder', async () => {
    await start(['a', 'b']);
    mkdirSync(join(dir, 'in', 'done'));
    writeFileSync(join(dir, 'in', 'done', 'old.hl7'), 'x');
    writeFileSync(join(dir, 'in', 'skip.txt'), 'x');
    const files = listSourceFiles({ path: 'in', glob: '*.hl7', moveTo: 'in/done' }, dir);
    expect(files).toEqual([join(dir, 'in', 'msg-000.hl7'), join(dir, 'in', 'msg-001.hl7')]);
    expect(listSourceFiles({ path: 'in/msg-000.hl7' }, dir)).toEqual([join(dir, 'in', 'msg-000.hl7')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails to connect to a missing path with a fix', async () => {
    dir = mkdtempSync(join(tmpdir(), 'file-src-'));
    const s = createFileSource({ path: 'nope' }, testContext(dir));
    await expect(s.connect()).rejects.toMatchObject({ code: 'connect.file.not-found', stage: 'connect' });
    rmSync(dir, { recursive: true, force: true });
  });
});
