import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpServer } from '../../connectors/http/http-server.js';
import { main } from '../main.js';
import { registerServeCommand, runServeCommand } from './serve.js';
import type { ServeFlags } from './serve.js';

const ADT = 'fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7';
const CCD = 'fixtures/ccda/CCD/all-sections.ccda';

let out: string[];
let err: string[];
let dir: string;

beforeEach(() => {
  out = [];
  err = [];
  dir = mkdtempSync(join(tmpdir(), 'ingest-serve-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const FLAGS: ServeFlags = { port: 0, host: '127.0.0.1', maxBytes: 10485760, bodyTimeoutMs: 30000, validate: true, timeZone: 'UTC', logLevel: 'silent' };

async function serving<T>(flags: Partial<ServeFlags>, use: (server: HttpServer) => Promise<T>): Promise<{ code: number; value: T }> {
  const controller = new AbortController();
  let value!: T;
  let failure: unknown;
  const code = await runServeCommand({ ...FLAGS, ...flags }, {
    signal: controller.signal,
    onListening: (server) => {
      use(server)
        .then((v) => (value = v))
        .catch((e: unknown) => (failure = e))
        .finally(() => controller.abort());
    },
  });
  if (failure) throw failure;
  return { code, value };
}

async function convertWithCli(file: string): Promise<unknown> {
  out = [];
  expect(await main(['convert', file, '--quarantine', join(dir, 'q'), '-q'])).toBe(0);
  return JSON.parse(out.join('')) as unknown;
}

function post(server: HttpServer, inputData: string, inputDataType: string, rootTemplate: string): Promise<Response> {
  const body = JSON.stringify({
    resourceType: 'Parameters',
    parameter: [
      { name: 'inputData', valueString: inputData },
      { name: 'inputDataType', valueString: inputDataType },
      { name: 'rootTemplate', valueString: rootTemplate },
      { name: 'templateCollectionReference', valueString: inputDataType === 'Ccda' ? 'microsofthealth/ccdatemplates:default' : 'microsofthealth/hl7v2templates:default' },
    ],
  });
  return fetch(`http://127.0.0.1:${server.address().port}/fhir/$convert-data`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
}

describe('ingest serve', () => {
  it('registers serve with its flags and defaults', async () => {
    const program = new Command('ingest').exitOverride();
    registerServeCommand(program);
    const serve = program.commands.find((c) => c.name() === 'serve');
    expect(serve).toBeDefined();
    let seen: ServeFlags | undefined;
    serve?.exitOverride().action((flags: ServeFlags) => void (seen = flags));
    await program.parseAsync(['serve', '--port', '0', '--template-dir', dir, '--max-bytes', '2048', '--base-path', '/fhir'], { from: 'user' });
    expect(seen).toMatchObject({ port: 0, host: '127.0.0.1', templateDir: dir, maxBytes: 2048, basePath: '/fhir', validate: true, bodyTimeoutMs: 30000 });
    await expect(program.parseAsync(['serve', '--port', 'http'], { from: 'user' })).rejects.toThrow(/integer/);
  });

  it('answers $convert-data with the bundle `ingest convert` prints for the same HL7v2 and C-CDA files', async () => {
    const expected = [await convertWithCli(ADT), await convertWithCli(CCD)];
    const { code, value } = await serving({ basePath: '/fhir' }, async (server) => {
      const adt = await post(server, readFileSync(ADT, 'utf8'), 'Hl7v2', 'ADT_A01');
      const ccd = await post(server, readFileSync(CCD, 'utf8'), 'Ccda', 'CCD');
      expect([adt.status, ccd.status]).toEqual([200, 200]);
      return [await adt.json(), await ccd.json()];
    });
    expect(code).toBe(0);
    expect(value).toEqual(expected);
    expect(err.join('')).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/fhir\/\$convert-data/);
  });

  it('a --template-dir that is not a folder is a usage error (exit 2)', async () => {
    const code = await runServeCommand({ ...FLAGS, templateDir: join(dir, 'missing') });
    expect(code).toBe(2);
    expect(err.join('')).toContain('cli.serve.template-dir-not-found');
  });
});
