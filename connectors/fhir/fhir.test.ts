import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SinkRecord } from '../../pipelines/contracts/connector.js';
import { runConnectorConformance } from '../conformance.js';
import { testContext } from '../test-context.js';
import { createFhirSink, toRequestBundles } from './fhir.js';
import { parseRetryAfter } from './http-outcome.js';
import { startTestFhirServer } from './test-fhir-server.js';
import type { TestFhirServer } from './test-fhir-server.js';

let server: TestFhirServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

runConnectorConformance({
  kind: 'sink',
  name: 'fhir',
  async create() {
    server = await startTestFhirServer();
    return createFhirSink({ url: server.url }, testContext('/tmp'));
  },
  readBack: async () => [...(server?.stored.values() ?? [])],
});

const record = (n: number, type = 'Patient'): SinkRecord => ({
  key: `k${n}`,
  bundle: { resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: n }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: i === 0 ? type : 'Observation', id: `r${n}-${i}` } })) },
  runId: 'run',
  pipeline: 'p',
  origin: 'test',
});

describe('fhir sink', () => {
  it('sends transactions whole and splits batches at maxEntries, with PUT for resources that have ids', () => {
    expect(toRequestBundles(record(5), 'transaction', 2)).toHaveLength(1);
    const parts = toRequestBundles(record(5), 'batch', 2);
    expect(parts.map((p) => (p.entry as unknown[]).length)).toEqual([2, 2, 1]);
    expect((parts[0].entry as { request: unknown }[])[0].request).toEqual({ method: 'PUT', url: 'Patient/r5-0' });
  });

  it('stores every entry and is idempotent on a retried write', async () => {
    server = await startTestFhirServer();
    const sink = createFhirSink({ url: server.url, mode: 'batch', maxEntries: 2 }, testContext('/tmp'));
    await sink.write([record(3)]);
    await sink.write([record(3)]);
    expect(server.stored.size).toBe(3);
    expect(server.requests.map((r) => r.entries)).toEqual([2, 1, 2, 1]);
  });

  it('429 and 5xx are transient with Retry-After; other 4xx and rejected entries are permanent', async () => {
    server = await startTestFhirServer();
    const sink = createFhirSink({ url: server.url }, testContext('/tmp'));
    server.failNext(429);
    await expect(sink.write([record(1)])).rejects.toMatchObject({ code: 'sink.fhir.http-429', retryable: true, retryAfterMs: 0 });
    server.failNext(503);
    await expect(sink.write([record(1)])).rejects.toMatchObject({ code: 'sink.fhir.http-503', retryable: true });
    await sink.write([record(1)]);
    server.rejectType = 'Device';
    await expect(sink.write([record(1, 'Device')])).rejects.toMatchObject({ code: 'sink.fhir.http-400', retryable: false, stage: 'sink' });
    const batch = createFhirSink({ url: server.url, mode: 'batch' }, testContext('/tmp'));
    await expect(batch.write([record(2, 'Device')])).rejects.toMatchObject({ code: 'sink.fhir.entry-422', retryable: false, location: { path: 'bundle[k2].part[0].entry[0]' } });
  });

  it('an unreachable server is transient', async () => {
    const sink = createFhirSink({ url: 'http://127.0.0.1:9/fhir', timeoutMs: 500 }, testContext('/tmp'));
    await expect(sink.write([record(1)])).rejects.toMatchObject({ code: 'sink.fhir.unreachable', retryable: true });
  });

  it('a server that accepts but never answers times out as transient', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const sink = createFhirSink({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/fhir`, timeoutMs: 200 }, testContext('/tmp'));
    await expect(sink.write([record(1)])).rejects.toMatchObject({ code: 'sink.fhir.unreachable', retryable: true, message: expect.stringContaining('ETIMEDOUT') });
    await sink.close();
    silent.close();
  });

  it('a response cut off mid-body is transient', async () => {
    const cut = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '1000' });
      res.write('{"resourceType":"Bun', () => res.socket?.destroy());
    });
    await new Promise<void>((r) => cut.listen(0, '127.0.0.1', () => r()));
    const sink = createFhirSink({ url: `http://127.0.0.1:${(cut.address() as AddressInfo).port}/fhir` }, testContext('/tmp'));
    await expect(sink.write([record(1)])).rejects.toMatchObject({ code: 'sink.fhir.unreachable', retryable: true });
    await sink.close();
    cut.close();
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 2000).toUTCString(), Date.now())).toBeGreaterThan(500);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
