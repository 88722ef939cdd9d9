import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../connectors/http/http-server.js';
import { memoryLogger } from '../../connectors/test-context.js';
import { startConvertDataServer } from './convert-data-server.js';

const ADT = readFileSync('fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7', 'utf8');
const ORU = readFileSync('fixtures/hl7v2/ORU_R01/oru-r01-multi-obr.hl7', 'utf8');
const CCD = readFileSync('fixtures/ccda/CCD/compact-r21.ccda', 'utf8');
const BATCH = readFileSync('fixtures/hl7v2/ORU_R01/oru-r01-two-msh-no-envelope.hl7', 'utf8');

type Outcome = { resourceType: string; issue: { severity: string; code: string; details: { text: string; coding?: { code: string }[] }; diagnostics?: string; expression?: string[] }[] };

let server: HttpServer;
let root: string;
const logger = memoryLogger();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'convert-data-'));
  mkdirSync(join(root, 'tiny'));
  writeFileSync(join(root, 'tiny', 'Tiny.liquid'), '{"resourceType": "Bundle", "type": "collection", "id": "tiny-{{ hl7v2Data.MSH.10.Value }}"}');
  mkdirSync(join(root, 'broken'));
  writeFileSync(join(root, 'broken', 'ADT_A01.liquid'), '{"resourceType": "Bundle", {% if %}');
  server = await startConvertDataServer({ port: 0, basePath: '/fhir', templateRoot: root, maxBodyBytes: 256 * 1024, logger });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const url = (path = '/fhir/$convert-data'): string => `http://127.0.0.1:${server.address().port}${path}`;

function parameters(values: Record<string, string>): string {
  return JSON.stringify({ resourceType: 'Parameters', parameter: Object.entries(values).map(([name, valueString]) => ({ name, valueString })) });
}

const convert = (values: Record<string, string>, path?: string): Promise<Response> =>
  fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: parameters(values) });

async function failure(res: Response, status: number): Promise<Outcome['issue'][0]> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
  const outcome = (await res.json()) as Outcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  return outcome.issue[0];
}

describe('$convert-data (sync)', () => {
  it('converts HL7v2 and C-CDA with Azure parameters and default template references', async () => {
    const adt = await convert({ inputData: ADT, inputDataType: 'Hl7v2', rootTemplate: 'ADT_A01', templateCollectionReference: 'microsofthealth/fhirconverter:default' });
    expect(adt.status).toBe(200);
    expect(adt.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(adt.headers.get('x-validation-errors')).toBe('0');
    const bundle = (await adt.json()) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toContain('Patient');
    const ccd = await convert({ inputData: CCD, inputDataType: 'CCDA', rootTemplate: 'CCD', templateCollectionReference: 'microsofthealth/ccdatemplates:default' });
    expect(ccd.status).toBe(200);
    expect(((await ccd.json()) as { resourceType: string }).resourceType).toBe('Bundle');
  });

  it('derives the root template from the message when rootTemplate is left out, and serves concurrent requests', async () => {
    const one = async (data: string): Promise<string> => (await convert({ inputData: data, inputDataType: 'hl7v2' })).text();
    const expected = [await one(ADT), await one(ORU)];
    const parallel = await Promise.all(Array.from({ length: 12 }, (_, i) => one(i % 2 ? ORU : ADT)));
    parallel.forEach((text, i) => expect(text).toBe(expected[i % 2]));
    expect(expected[0]).not.toBe(expected[1]);
  });

  it('?_outcome=true returns Parameters with the bundle and the validation OperationOutcome', async () => {
    const res = await fetch(url('/fhir/$convert-data?_outcome=true'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: parameters({ inputData: ADT, inputDataType: 'Hl7v2' }) });
    const body = (await res.json()) as { resourceType: string; parameter: { name: string; resource: { resourceType: string } }[] };
    expect(body.resourceType).toBe('Parameters');
    expect(body.parameter.map((p) => [p.name, p.resource.resourceType])).toEqual([['return', 'Bundle'], ['outcome', 'OperationOutcome']]);
  });

  it('uses a user collection from a folder inside the templates root', async () => {
    const res = await convert({ inputData: ADT, inputDataType: 'Hl7v2', rootTemplate: 'Tiny', templateCollectionReference: 'tiny' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toMatch(/^tiny-/);
  });

  it.each([
    ['no JSON', '{"resourceType": "Param', 'parse.convert-data.not-json', 'Parameters'],
    ['not Parameters', JSON.stringify({ resourceType: 'Patient' }), 'parse.convert-data.not-parameters', 'Parameters.resourceType'],
    ['missing inputData', parameters({ inputDataType: 'Hl7v2' }), 'parse.convert-data.missing-parameter', "Parameters.parameter.where(name = 'inputData')"],
    ['bad inputDataType', parameters({ inputData: ADT, inputDataType: 'X12' }), 'parse.convert-data.invalid-parameter', "Parameters.parameter.where(name = 'inputDataType')"],
    ['unsupported inputDataType', parameters({ inputData: '{}', inputDataType: 'Json' }), 'parse.convert-data.unsupported-type', "Parameters.parameter.where(name = 'inputDataType')"],
    ['unknown parameter', JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'input', valueString: 'x' }] }), 'parse.convert-data.unknown-parameter', 'Parameters.parameter[0]'],
    ['non-string value', JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'inputData', valueInteger: 1 }] }), 'parse.convert-data.invalid-parameter', 'Parameters.parameter[0]'],
  ])('bad Parameters (%s) → 400 naming the parameter and the code', async (_, body, code, expression) => {
    const res = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
    const issue = await failure(res, 400);
    expect(issue.details.coding?.[0].code).toBe(code);
    expect(issue.expression).toEqual([expression]);
    expect(issue.diagnostics).toMatch(/Try this: /);
  });

  it('unknown root template → 400 with the closest name', async () => {
    const issue = await failure(await convert({ inputData: ADT, inputDataType: 'Hl7v2', rootTemplate: 'ADT_A0l' }), 400);
    expect(issue.details.coding?.[0].code).toBe('parse.convert-data.unknown-root-template');
    expect(issue.diagnostics).toContain("Did you mean 'ADT_A01'?");
    expect(issue.expression).toEqual(["Parameters.parameter.where(name = 'rootTemplate')"]);
  });

  it.each([
    ['an image of another data type', 'microsofthealth/ccdatemplates:default', /holds ccda templates/],
    ['a registry image', 'myacr.azurecr.io/templates:v1', /container registry image/],
    ['a folder outside the root', '../..', /outside the templates root/],
    ['a missing folder', 'nope', /does not exist/],
  ])('template reference to %s → 400 saying what is accepted', async (_, ref, text) => {
    const issue = await failure(await convert({ inputData: ADT, inputDataType: 'Hl7v2', templateCollectionReference: ref }), 400);
    expect(issue.details.coding?.[0].code).toBe('parse.convert-data.template-reference');
    expect(issue.details.text).toMatch(text);
    expect(issue.diagnostics).toContain('microsofthealth/hl7v2templates:default');
  });

  it('garbage input, a batch and a broken template → 400 with the engine error code and position', async () => {
    const garbage = await failure(await convert({ inputData: 'not a message at all', inputDataType: 'Hl7v2' }), 400);
    expect(garbage.details.coding?.[0].code).toMatch(/^parse\.hl7\./);
    expect(garbage.diagnostics).toContain('inputData');
    const xml = await failure(await convert({ inputData: '<ClinicalDocument><oops', inputDataType: 'Ccda' }), 400);
    expect(xml.details.coding?.[0].code).toMatch(/^parse\.ccda\./);
    const batch = await failure(await convert({ inputData: BATCH, inputDataType: 'Hl7v2' }), 400);
    expect(batch.details.coding?.[0].code).toBe('parse.convert-data.several-records');
    const broken = await failure(await convert({ inputData: ADT, inputDataType: 'Hl7v2', templateCollectionReference: 'broken' }), 400);
    expect(broken.details.coding?.[0].code).toMatch(/^template\./);
    expect(broken.diagnostics).toContain(' at broken/ADT_A01.liquid:1:');
    expect(broken.diagnostics).not.toContain(root);
  });

  it('answers 413, 415, 405 and 404 with OperationOutcomes', async () => {
    const big = await failure(await convert({ inputData: ADT.repeat(200), inputDataType: 'Hl7v2' }), 413);
    expect(big.code).toBe('too-long');
    await failure(await fetch(url(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: ADT }), 415);
    const get = await fetch(url());
    expect(get.headers.get('allow')).toBe('POST');
    await failure(get, 405);
    await failure(await convert({ inputData: ADT, inputDataType: 'Hl7v2' }, '/$convert-data'), 404);
  });

  it('a body that never finishes gets 408 and does not hang the server', async () => {
    const impatient = await startConvertDataServer({ port: 0, bodyTimeoutMs: 300, validate: false, logger: memoryLogger() });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${impatient.address().port}/$convert-data`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', 'content-length': '100000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"resourceType": "Parameters", "parameter": [');
    });
    expect(status).toBe(408);
    const after = await fetch(`http://127.0.0.1:${impatient.address().port}/$convert-data`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: parameters({ inputData: ADT, inputDataType: 'Hl7v2' }) });
    expect(after.status).toBe(200);
    await impatient.close();
  });

  it('logs ids, statuses and codes, never message contents', () => {
    const text = JSON.stringify(logger.entries);
    expect(text).toContain('parse.convert-data.unknown-root-template');
    expect(text).not.toContain('MSH|');
    expect(text).not.toMatch(/ClinicalDocument/);
  });
});
