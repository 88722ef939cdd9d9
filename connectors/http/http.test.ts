import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runConnectorConformance } from '../conformance.js';
import { memoryLogger, testContext } from '../test-context.js';
import { createHttpSource } from './http.js';
import type { HttpSource, HttpSourceConfig } from './http.js';

let dir = '';
const sources: HttpSource[] = [];

async function listen(config: Partial<HttpSourceConfig> = {}, fresh = true): Promise<HttpSource> {
  if (fresh) dir = mkdtempSync(join(tmpdir(), 'http-source-'));
  const source = createHttpSource({ port: 0, closeGraceMs: 50, ...config }, { ...testContext(dir), stateDir: join(dir, 'journal') });
  await source.connect();
  sources.push(source);
  return source;
}

const url = (s: HttpSource, path: string): string => `http://127.0.0.1:${s.address()?.port ?? 0}${path}`;

const parameters = (inputData: string, inputDataType = 'Hl7v2'): string =>
  JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'inputData', valueString: inputData }, { name: 'inputDataType', valueString: inputDataType }] });

const post = (s: HttpSource, path: string, body: string, type = 'application/fhir+json'): Promise<Response> =>
  fetch(url(s, path), { method: 'POST', headers: { 'content-type': type }, body });

afterEach(async () => {
  for (const s of sources.splice(0)) await s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

runConnectorConformance({
  kind: 'source',
  name: 'http',
  finite: false,
  async start(payloads) {
    const source = await listen();
    for (const p of payloads) expect((await post(source, '/$convert-data', parameters(p))).status).toBe(202);
    return source;
  },
  restart: () => listen({}, false),
});

describe('http source', () => {
  it('answers 202 with the message id after storing, for Parameters and raw bodies', async () => {
    const s = await listen({ basePath: '/fhir' });
    const a = await post(s, '/fhir/$convert-data', parameters('MSH|^~\\&|A'));
    expect(a.status).toBe(202);
    expect(a.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(((await a.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const b = await post(s, '/fhir/messages', '<ClinicalDocument/>', 'application/xml');
    expect(b.status).toBe(202);
    expect([a.headers.get('x-message-id'), b.headers.get('x-message-id')]).toEqual(['1', '2']);
    const first = await s.read();
    const second = await s.read();
    expect(first?.message.payload.toString()).toBe('MSH|^~\\&|A');
    expect(second?.message.payload.toString()).toBe('<ClinicalDocument/>');
    expect(first?.message.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('rejects bad Parameters with 400 and an OperationOutcome naming the parameter, storing nothing', async () => {
    const s = await listen();
    const res = await post(s, '/$convert-data', JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'inputDataType', valueString: 'Hl7v2' }] }));
    expect(res.status).toBe(400);
    const outcome = (await res.json()) as { issue: { details: { coding: { code: string }[] }; expression: string[] }[] };
    expect(outcome.issue[0].details.coding[0].code).toBe('parse.convert-data.missing-parameter');
    expect(outcome.issue[0].expression).toEqual(["Parameters.parameter.where(name = 'inputData')"]);
  });

  it('answers 404, 405, 415 and 413 with OperationOutcomes', async () => {
    const s = await listen({ maxBodyBytes: 1024 });
    expect((await post(s, '/nope', parameters('x'))).status).toBe(404);
    const get = await fetch(url(s, '/$convert-data'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post(s, '/$convert-data', parameters('x'), 'text/csv')).status).toBe(415);
    const big = await post(s, '/$convert-data', parameters('x'.repeat(5000)));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { issue: { code: string }[] }).issue[0].code).toBe('too-long');
  });

  it('answers 413 to a chunked body (no Content-Length) once it passes the limit', async () => {
    const s = await listen({ maxBodyBytes: 1024 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url(s, '/messages'), { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write('x'.repeat(512));
    });
    expect(status).toBe(413);
  });

  it('answers 408 and closes the connection when a body never finishes', async () => {
    const logger = memoryLogger();
    dir = mkdtempSync(join(tmpdir(), 'http-source-'));
    const s = createHttpSource({ port: 0, bodyTimeoutMs: 200, closeGraceMs: 50 }, { ...testContext(dir), stateDir: join(dir, 'j'), logger });
    await s.connect();
    sources.push(s);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url(s, '/$convert-data'), { method: 'POST', headers: { 'content-type': 'application/fhir+json', 'content-length': '1000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"resourceType":');
    });
    expect(status).toBe(408);
    expect((await post(s, '/$convert-data', parameters('MSH|still-serving'))).status).toBe(202);
    expect(JSON.stringify(logger.entries)).not.toContain('still-serving');
  });
});
