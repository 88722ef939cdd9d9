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
