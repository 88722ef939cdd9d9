import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createValidator } from '../index.js';
import { issueLines } from '../test-helpers.js';
import { readTarGz } from './tar-reader.js';

const HR_PROFILE = 'fixtures/fhir/profiles/acme-heart-rate.json';
const HR_URL = 'http://example.org/fhir/StructureDefinition/acme-heart-rate';
const heartRate = {
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  subject: { reference: 'Patient/1' },
  valueQuantity: { value: 72, unit: 'beats/min', system: 'http://unitsofmeasure.org', code: '/min' },
};

function tarEntry(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\u000000', 257);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const body = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  content.copy(body);
  return Buffer.concat([header, body]);
}

function writePackage(files: Record<string, unknown>): string {
  const parts = Object.entries(files).map(([name, json]) => tarEntry(`package/${name}`, Buffer.from(JSON.stringify(json))));
  const file = join(mkdtempSync(join(tmpdir(), 'moonlitic-pkg-')), 'acme.tgz');
  writeFileSync(file, gzipSync(Buffer.concat([...parts, Buffer.alloc(1024)])));
  return file;
}

describe('profiles validator', () => {
  const forced = { profiles: [HR_PROFILE] };

  it('accepts an instance that conforms to a differential profile', () => {
    expect(issueLines(heartRate, forced, 'all')).toEqual([]);
  });

  it('reports slices, patterns, fixed values, restricted types and tightened cardinality', () => {
    const bad = { ...heartRate, category: [{ text: 'vitals' }], code: { coding: [{ system: 'http://loinc.org', code: '0000-0' }] }, valueQuantity: { value: 72, system: 'http://unitsofmeasure.org', code: 'bpm' }, component: [{ code: { text: 'x' } }] };
    expect(issueLines(bad, forced)).toEqual([
      'error Observation.category profile-min',
      'error Observation.code profile-pattern',
      'error Observation.valueQuantity.code profile-fixed',
      'error Observation.component profile-max',
    ]);
    const { valueQuantity: _v, subject: _s, ...rest } = heartRate;
    expect(issueLines({ ...rest, valueString: '72' }, forced, 'all')).toEqual([
      'error Observation.subject profile-min',
      'error Observation.valueString profile-type',
    ]);
  });

  it('applies US Core 5.0.1 to resources that claim it, with extension definitions', () => {
    const patient = JSON.parse(readFileSync('fixtures/fhir/valid/patient-uscore.json', 'utf8')) as Record<string, unknown>;
    expect(issueLines(patient)).toEqual([]);
    const broken = { ...patient, identifier: undefined, extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2106-3' } }] }] };
    expect(issueLines(broken)).toEqual(['error Patient.identifier profile-min', 'error Patient.extension[0].extension profile-min']);
    expect(issueLines({ ...broken, meta: undefined })).toEqual(['error Patient.extension[0].extension profile-min']);
  });

  it('loads profiles from FHIR NPM package tarballs (applied when claimed)', () => {
    const sd = JSON.parse(readFileSync(HR_PROFILE, 'utf8')) as unknown;
    const withBinding = JSON.parse(JSON.stringify(sd)) as { differential: { element: Record<string, unknown>[] } };
    withBinding.differential.element.push({ id: 'Observation.method', path: 'Observation.method', binding: { strength: 'required', valueSet: 'http://example.org/ValueSet/acme-methods' } });
    const valueSet = { resourceType: 'ValueSet', url: 'http://example.org/ValueSet/acme-methods', status: 'active', compose: { include: [{ system: 'http://example.org/CodeSystem/acme-methods' }] } };
    const codeSystem = { resourceType: 'CodeSystem', url: 'http://example.org/CodeSystem/acme-methods', status: 'active', content: 'complete', concept: [{ code: 'manual' }, { code: 'device' }] };
    const tgz = writePackage({ 'package.json': { name: 'acme.fhir', version: '1.0.0' }, 'StructureDefinition-acme-heart-rate.json': withBinding, 'ValueSet-acme-methods.json': valueSet, 'CodeSystem-acme-methods.json': codeSystem });
    expect(readTarGz(readFileSync(tgz)).map((f) => f.name)).toEqual(['package/package.json', 'package/StructureDefinition-acme-heart-rate.json', 'package/ValueSet-acme-methods.json', 'package/CodeSystem-acme-methods.json']);
    const v = createValidator({ packages: [tgz] });
    const claimed = { ...heartRate, meta: { profile: [HR_URL] }, valueQuantity: { ...heartRate.valueQuantity, code: 'bpm' } };
    expect(v.validate(claimed as never).map((i) => i.details.coding?.[0]?.code)).toEqual(['profile-fixed']);
    expect(v.validate({ ...claimed, meta: undefined } as never)).toEqual([]);
    const method = (code: string): unknown => ({ ...heartRate, meta: { profile: [HR_URL] }, method: { coding: [{ system: 'http://example.org/CodeSystem/acme-methods', code }] } });
    expect(v.validate(method('manual') as never)).toEqual([]);
    expect(v.validate(method('guess') as never).map((i) => i.details.coding?.[0]?.code)).toEqual(['unknown-code', 'profile-binding-required']);
  });

  it('handles closed slicing by value and unknown profile arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonlitic-prof-'));
    const sd = {
      resourceType: 'StructureDefinition', url: 'http://example.org/StructureDefinition/mrn-only', name: 'MrnOnly', kind: 'resource', type: 'Patient', derivation: 'constraint',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
      differential: { element: [
        { id: 'Patient.identifier', path: 'Patient.identifier', slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed' } },
        { id: 'Patient.identifier:mrn', path: 'Patient.identifier', sliceName: 'mrn', min: 1, max: '1' },
        { id: 'Patient.identifier:mrn.system', path: 'Patient.identifier.system', fixedUri: 'urn:oid:1.2.3' },
      ] },
    };
    writeFileSync(join(dir, 'mrn-only.json'), JSON.stringify(sd));
    const ok = { resourceType: 'Patient', identifier: [{ system: 'urn:oid:1.2.3', value: '1' }] };
    expect(issueLines(ok, { profiles: [dir] })).toEqual([]);
    const extra = { resourceType: 'Patient', identifier: [{ system: 'urn:oid:9.9', value: '2' }] };
    expect(issueLines(extra, { profiles: [dir] })).toEqual(['error Patient.identifier profile-min', 'error Patient.identifier[0] slice-closed']);
    expect(() => createValidator({ profiles: ['http://example.org/unknown'] })).toThrow(expect.objectContaining({ code: 'validate.profile.unknown' }));
  });

  it('slices by type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonlitic-type-'));
    const sd = {
      resourceType: 'StructureDefinition', url: 'http://example.org/StructureDefinition/qty-obs', name: 'QtyObs', kind: 'resource', type: 'Observation', derivation: 'constraint',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Observation',
      differential: { element: [
        { id: 'Observation.value[x]', path: 'Observation.value[x]', slicing: { discriminator: [{ type: 'type', path: '$this' }], rules: 'open' } },
        { id: 'Observation.value[x]:valueQuantity', path: 'Observation.value[x]', sliceName: 'valueQuantity', min: 1, type: [{ code: 'Quantity' }] },
        { id: 'Observation.value[x]:valueQuantity.unit', path: 'Observation.value[x].unit', min: 1 },
      ] },
    };
    writeFileSync(join(dir, 'qty-obs.json'), JSON.stringify(sd));
    const base = { resourceType: 'Observation', status: 'final', code: { text: 'x' } };
    expect(issueLines({ ...base, valueQuantity: { value: 1, unit: 'mg' } }, { profiles: [dir] })).toEqual([]);
    expect(issueLines({ ...base, valueQuantity: { value: 1 } }, { profiles: [dir] })).toEqual(['error Observation.valueQuantity.unit profile-min']);
    expect(issueLines({ ...base, valueString: 'high' }, { profiles: [dir] })).toEqual(['error Observation.value profile-min']);
  });
});
