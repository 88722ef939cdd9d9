import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinkRecord } from '../../pipelines/contracts/connector.js';
import { testContext } from '../test-context.js';
import { createFhirSink } from './fhir.js';
import { spawnMedplumFhirServer } from './medplum-fhir-server.js';

let server: { url: string; stop: () => void } | undefined;
let base = '';

beforeAll(async () => {
  server = await spawnMedplumFhirServer();
  base = server.url;
});

afterAll(() => server?.stop());

const get = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${base}/${path}`, { headers: { accept: 'application/fhir+json' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const record = (key: string, entries: Record<string, unknown>[]): SinkRecord => ({
  key,
  runId: 'run',
  pipeline: 'p',
  origin: 'test',
  bundle: { resourceType: 'Bundle', type: 'transaction', entry: entries },
});

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const patient = (n: number): Record<string, unknown> => ({ fullUrl: `urn:uuid:${uuid(n)}`, resource: { resourceType: 'Patient', id: uuid(n), name: [{ family: `TEST${n}` }] } });

describe('fhir sink against a real FHIR server process (Medplum FhirRouter + MemoryRepository)', () => {
  it('stores a transaction, and a retried write does not duplicate (PUT of deterministic ids)', async () => {
    const sink = createFhirSink({ url: base }, testContext('/tmp'));
    const enc = { fullUrl: `urn:uuid:${uuid(2)}`, resource: { resourceType: 'Encounter', id: uuid(2), status: 'finished', class: { code: 'IMP' }, subject: { reference: `Patient/${uuid(1)}` } } };
    await sink.write([record('k1', [patient(1), enc])]);
    await sink.write([record('k1', [patient(1), enc])]);
    expect((await get(`Patient/${uuid(1)}`)).status).toBe(200);
    expect((await get(`Encounter/${uuid(2)}`)).body.subject).toEqual({ reference: `Patient/${uuid(1)}` });
    const all = (await get('Patient?_count=1000')).body.entry as { resource: { id: string } }[];
    expect(all.filter((e) => e.resource.id === uuid(1))).toHaveLength(1);
  });

  it('splits a large batch at maxEntries and stores every entry', async () => {
    const sink = createFhirSink({ url: base, mode: 'batch', maxEntries: 2 }, testContext('/tmp'));
    await sink.write([record('k2', [10, 11, 12, 13, 14].map(patient))]);
    for (const n of [10, 11, 12, 13, 14]) expect((await get(`Patient/${uuid(n)}`)).status).toBe(200);
  });

  it('a rejected transaction is a permanent error; a rejected batch entry names its position', async () => {
    const bad = { resource: { resourceType: 'Patient', id: uuid(21) }, request: { method: 'PUT', url: `Patient/${uuid(22)}` } };
    const sink = createFhirSink({ url: base }, testContext('/tmp'));
    await expect(sink.write([record('k3', [patient(20), bad])])).rejects.toMatchObject({ stage: 'sink', retryable: false });
    const batch = createFhirSink({ url: base, mode: 'batch' }, testContext('/tmp'));
    await expect(batch.write([record('k4', [patient(23), bad])])).rejects.toMatchObject({ retryable: false, location: { path: 'bundle[k4].part[0].entry[1]' } });
    expect((await get(`Patient/${uuid(23)}`)).status).toBe(200);
  });

  it('an embedded pipeline delivers converted HL7v2 messages with lineage to the server', async () => {
    const { runPipeline } = await import('../../pipelines/runtime/runner.js');
    const { checkPipelineText } = await import('../../pipelines/schema/check-pipeline.js');
    const { DEFAULT_CATALOG } = await import('../../pipelines/schema/catalog.js');
    const { syntheticAdt } = await import('../mllp/test-client.js');
    const dir = mkdtempSync(join(tmpdir(), 'fhir-e2e-'));
    mkdirSync(join(dir, 'in'));
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, 'in', `m${i}.hl7`), syntheticAdt(`FE${i}`));
    const text = `name: fhir-e2e\nstateDir: ${join(dir, 'state')}\nvalidation:\n  policy: off\nmapper:\n  format: hl7v2\nsource:\n  type: file\n  path: in\nsinks:\n  - type: fhir\n    url: ${base}\n`;
    const { config } = checkPipelineText(text, join(dir, 'p.yaml'), DEFAULT_CATALOG);
    const run = await runPipeline(config as NonNullable<typeof config>);
    expect(run.counts).toMatchObject({ read: 12, delivered: 12, quarantined: 0 });
    const provenances = (await get('Provenance?_count=1000')).body.entry as { resource: { extension?: { url: string }[] } }[];
    expect(provenances.filter((p) => p.resource.extension?.some((e) => e.url.endsWith('/ingest-lineage')))).toHaveLength(12);
    rmSync(dir, { recursive: true, force: true });
  });
});
