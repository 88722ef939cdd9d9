import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hl7v2Mapper } from '../mappers/hl7v2/index.js';
import { createConverter } from '../pipelines/convert/converter.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'fixtures', 'hl7v2');
const FAILURE_DIR = 'bad';

/** Issue #3 "Done when": every segment of these types yields at least one resource of the paired type. */
const SEGMENT_RESOURCES: Record<string, string> = {
  OBX: 'Observation',
  NK1: 'RelatedPerson',
  IN1: 'Coverage',
  AL1: 'AllergyIntolerance',
  DG1: 'Condition',
};

/** IG message maps MDM_T02 …: the OBX of a document message carry the note body → one DocumentReference, not Observations. */
const DOCUMENT_MESSAGE = /^MSH\|[^\r\n]*?\|MDM\^/;

interface Tally {
  segments: Record<string, number>;
  resources: Record<string, number>;
  document: boolean;
}

function listHl7Fixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === FAILURE_DIR ? [] : listHl7Fixtures(path);
    return path.endsWith('.hl7') ? [path] : [];
  });
}

function countSegments(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of text.split(/\r\n|\r|\n/)) {
    const id = line.slice(0, 3);
    if (Object.hasOwn(SEGMENT_RESOURCES, id)) counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

function tallyFixture(path: string): Tally {
  const text = readFileSync(path, 'utf8');
  const converter = createConverter({ mapper: hl7v2Mapper, now: () => new Date('2024-01-01T00:00:00Z'), timeZone: 'UTC' });
  const resources: Record<string, number> = {};
  for (const result of converter.convertText(text, { name: relative(ROOT, path) })) {
    expect(result.error?.message).toBeUndefined();
    const entries = (result.bundle?.entry ?? []) as { resource?: { resourceType?: string } }[];
    for (const entry of entries) {
      const type = entry.resource?.resourceType ?? '';
      resources[type] = (resources[type] ?? 0) + 1;
    }
  }
  return { segments: countSegments(text), resources, document: DOCUMENT_MESSAGE.test(text) };
}

function shortfalls(tally: Tally): string[] {
  if (tally.document && (tally.segments.OBX ?? 0) > 0 && (tally.resources.DocumentReference ?? 0) === 0) return ['MDM OBX → no DocumentReference'];
  return Object.entries(tally.segments)
    .filter(([segment]) => !(tally.document && segment === 'OBX'))
    .filter(([segment, count]) => (tally.resources[SEGMENT_RESOURCES[segment] ?? ''] ?? 0) < count)
    .map(([segment, count]) => `${String(count)} ${segment} → ${String(tally.resources[SEGMENT_RESOURCES[segment] ?? ''] ?? 0)} ${SEGMENT_RESOURCES[segment] ?? ''}`);
}

const fixtures = listHl7Fixtures(FIXTURES).sort();

describe('HL7v2 extraction completeness on the project fixtures', () => {
  it('finds fixtures carrying each counted segment', () => {
    const seen = new Set(fixtures.flatMap((f) => Object.keys(countSegments(readFileSync(f, 'utf8')))));
    expect([...seen].sort()).toEqual(Object.keys(SEGMENT_RESOURCES).sort());
  });

  for (const fixture of fixtures) {
    it(`${relative(FIXTURES, fixture)}: every OBX, NK1, IN1, AL1 and DG1 reaches its resource`, () => {
      expect(shortfalls(tallyFixture(fixture))).toEqual([]);
    });
  }

  it('reports a shortfall when a segment type produced fewer resources', () => {
    expect(shortfalls({ segments: { OBX: 3, DG1: 1 }, resources: { Observation: 2, Condition: 1 }, document: false })).toEqual(['3 OBX → 2 Observation']);
    expect(shortfalls({ segments: { OBX: 2 }, resources: { Observation: 0 }, document: true })).toEqual(['MDM OBX → no DocumentReference']);
    expect(shortfalls({ segments: { OBX: 2 }, resources: { DocumentReference: 1 }, document: true })).toEqual([]);
  });
});

interface FhirResource {
  resourceType: string;
  id: string;
  [key: string]: unknown;
}

function convertFixture(name: string): FhirResource[] {
  const path = join(FIXTURES, name);
  const converter = createConverter({ mapper: hl7v2Mapper, now: () => new Date('2024-01-01T00:00:00Z'), timeZone: 'UTC' });
  return converter.convertText(readFileSync(path, 'utf8'), { name }).flatMap((result) => {
    expect(result.error?.message).toBeUndefined();
    return ((result.bundle?.entry ?? []) as { resource: FhirResource }[]).map((e) => e.resource);
  });
}

function ofType(resources: FhirResource[], type: string): FhirResource[] {
  return resources.filter((r) => r.resourceType === type);
}

function resolve(resources: FhirResource[], reference: unknown): FhirResource | undefined {
  const ref = (reference as { reference?: string } | undefined)?.reference ?? '';
  return resources.find((r) => `${r.resourceType}/${r.id}` === ref);
}

describe('HL7v2 field extraction (IG v2-to-FHIR segment maps)', () => {
  it('DG1 of a visit → Encounter.diagnosis with use from DG1-6 and rank from DG1-15', () => {
    const resources = convertFixture('ADT_A01/adt-a01-basic.hl7');
    const [encounter] = ofType(resources, 'Encounter');
    const diagnoses = (encounter?.diagnosis ?? []) as { condition: unknown; use: { coding: { code: string }[] }; rank?: number }[];
    expect(diagnoses).toHaveLength(ofType(resources, 'Condition').length);
    expect(diagnoses.map((d) => resolve(resources, d.condition)?.resourceType)).toEqual(['Condition']);
    expect(diagnoses[0]?.use.coding.map((c) => c.code)).toEqual(['AD', 'A']);
    expect(diagnoses[0]?.rank).toBe(1);
  });

  it('IAR reactions attach to the IAM they follow (A60)', () => {
    const allergies = ofType(convertFixture('ADT_A60/adt-a60-iam.hl7'), 'AllergyIntolerance');
    const reactions = (text: string): string[] => {
      const allergy = allergies.find((a) => JSON.stringify(a.code).includes(text));
      return ((allergy?.reaction ?? []) as { manifestation: { text?: string; coding?: { display: string }[] }[]; severity?: string }[])
        .map((r) => `${r.manifestation[0]?.coding?.[0]?.display ?? r.manifestation[0]?.text ?? ''}:${r.severity ?? ''}`);
    };
    expect(reactions('Penicillin')).toEqual(['Hives:severe', 'Hives:severe', 'Anaphylaxis:severe']);
    expect(reactions('Shellfish')).toEqual([]);
    expect(reactions('Latex')).toEqual(['Contact dermatitis:mild']);
  });

  it('PID-21 → mother RelatedPerson; NK1-40/41 → telecom', () => {
    const people = ofType(convertFixture('ORU_R01/oru-r01-performing-lab.hl7'), 'RelatedPerson');
    const mother = people.find((p) => JSON.stringify(p.identifier).includes('MRN6600871'));
    expect(JSON.stringify(mother?.relationship)).toContain('"code":"MTH"');
    const kin = people.find((p) => p !== mother);
    expect((kin?.telecom as { value: string; rank?: number }[]).map((t) => `${t.value}|${String(t.rank ?? '')}`)).toEqual(['(607) 5550199|1', 'rowena.q@example.org|']);
  });

  it('OBX-15/23/24/25 → performers, OBX-18 → device, OBX-21 → identifier', () => {
    const resources = convertFixture('ORU_R01/oru-r01-performing-lab.hl7');
    const [first, second] = ofType(resources, 'Observation');
    const performers = (o: FhirResource | undefined): FhirResource[] =>
      ((o?.performer ?? []) as unknown[]).map((p) => resolve(resources, p)).filter((r): r is FhirResource => r !== undefined);
    expect(performers(first).map((p) => p.resourceType)).toEqual(['Organization', 'PractitionerRole']);
    const role = performers(first)[1];
    expect(JSON.stringify(role?.code)).toContain('"code":"MDIR"');
    const lab = resolve(resources, role?.organization);
    expect(lab?.name).toBe('Moonlit Reference Laboratory');
    expect(JSON.stringify(lab?.address)).toContain('400 Harbor Rd');
    expect(performers(second).map((p) => p.id)).toContain(lab?.id);
    expect((resolve(resources, first?.device)?.identifier as unknown[]).length).toBe(2);
    expect(JSON.stringify(first?.identifier)).toContain('OBS-77120');
  });

  it('EVN-7 → Provenance.location (site Location)', () => {
    const resources = convertFixture('ADT_A01/adt-a01-basic.hl7');
    const [provenance] = ofType(resources, 'Provenance');
    const location = resolve(resources, provenance?.location);
    expect(location?.name).toBe('MOONLIT_GENERAL');
    expect(JSON.stringify(location?.physicalType)).toContain('"code":"si"');
  });

  it('PV1-54 → EpisodeOfCare; MSH-4/22/23 → sender, responsible and receiver Organizations', () => {
    const resources = convertFixture('ORU_R01/oru-r01-performing-lab.hl7');
    const [encounter] = ofType(resources, 'Encounter');
    const episode = resolve(resources, (encounter?.episodeOfCare as unknown[] | undefined)?.[0]);
    expect(JSON.stringify(episode?.identifier)).toContain('EP2024-0610');
    expect(resolve(resources, episode?.patient)?.resourceType).toBe('Patient');
    const [header] = ofType(resources, 'MessageHeader');
    expect(JSON.stringify(resolve(resources, header?.sender)?.identifier)).toContain('urn:oid:2.16.840.1.113883.3.9999.2');
    expect(resolve(resources, header?.responsible)?.name).toBe('Moonlit Health System');
    const [destination] = header?.destination as { receiver?: unknown }[];
    expect(resolve(resources, destination?.receiver)?.name).toBe('Moonlit Health Information Exchange');
  });

  it('PRT after PID → generalPractitioner (PP) or CareTeam; PRT after PV1 → Encounter.participant', () => {
    const resources = convertFixture('ORU_R01/oru-r01-performing-lab.hl7');
    const roleCode = (ref: unknown): string => JSON.stringify(resolve(resources, ref)?.code);
    const [patient] = ofType(resources, 'Patient');
    expect((patient?.generalPractitioner as unknown[]).map(roleCode).join()).toContain('"code":"PP"');
    const [team] = ofType(resources, 'CareTeam');
    expect((team?.participant as { member: unknown }[]).map((p) => roleCode(p.member)).join()).toContain('"code":"CP"');
    const [encounter] = ofType(resources, 'Encounter');
    const role = (encounter?.participant as { individual: unknown }[]).map((p) => resolve(resources, p.individual)).find((r) => r?.resourceType === 'PractitionerRole');
    expect(JSON.stringify(role?.code)).toContain('"code":"AT"');
    expect(JSON.stringify(resolve(resources, role?.organization)?.type)).toContain('Hospital');
    expect(resolve(resources, (role?.location as unknown[] | undefined)?.[0])?.resourceType).toBe('Location');
  });

  it('PRT following an OBX → performer PractitionerRole and its PRT-10 Device', () => {
    const resources = convertFixture('ORU_R01/oru-r01-performing-lab.hl7');
    const [, second] = ofType(resources, 'Observation');
    const role = (second?.performer as unknown[]).map((p) => resolve(resources, p)).find((r) => r?.resourceType === 'PractitionerRole');
    expect(JSON.stringify(role?.code)).toContain('"code":"RO"');
    expect(JSON.stringify(resolve(resources, second?.device)?.identifier)).toContain('CENTRIFUGE-3');
  });
});
