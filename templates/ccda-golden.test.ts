import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ccdaMapper } from '../mappers/ccda/index.js';
import { createConverter } from '../pipelines/convert/converter.js';
import type { ConversionResult } from '../pipelines/convert/converter.js';
import { unknownCcdaTemplates } from './ccda/unknown-templates.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'fixtures', 'ccda');
const BAD = join(FIXTURES, 'bad');
const VALIDATOR = join(ROOT, 'validators', 'index.ts');

type Bundle = { entry: { resource: Record<string, unknown> }[] };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const cases = walk(FIXTURES)
  .filter((f) => f.endsWith('.ccda') && !f.startsWith(BAD))
  .sort()
  .map((f) => ({ name: relative(FIXTURES, f), file: f, golden: f.replace(/\.ccda$/, '.bundle.json') }));

const converter = createConverter({ mapper: ccdaMapper, now: () => new Date('2024-01-01T00:00:00Z'), timeZone: 'UTC' });

function convert(file: string): ConversionResult {
  const [result] = converter.convertText(readFileSync(file, 'utf8'), { name: relative(ROOT, file) });
  return result;
}

const converted = new Map<string, ConversionResult>();
function convertedCase(file: string): ConversionResult {
  let result = converted.get(file);
  if (!result) converted.set(file, (result = convert(file)));
  return result;
}

function resources(name: string, type: string): Record<string, unknown>[] {
  const bundle = convertedCase(join(FIXTURES, name)).bundle as Bundle;
  return bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
}

describe('C-CDA golden bundles (fixtures/ccda/**/<case>.ccda → <case>.bundle.json)', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('$name', ({ file, golden }) => {
    const result = convertedCase(file);
    expect(result.error, result.error?.message).toBeUndefined();
    const actual = `${result.json}\n`;
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
      writeFileSync(golden, actual);
      if (process.env.CI && !process.env.UPDATE_GOLDEN) throw new Error(`golden ${relative(ROOT, golden)} was missing (written locally; commit it)`);
      return;
    }
    expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  it('every golden is valid FHIR R4 (zero error issues from the project validator)', async () => {
    if (!existsSync(VALIDATOR)) {
      expect.soft(existsSync(VALIDATOR), 'validators/index.ts does not exist yet: validation skipped').toBe(false);
      return;
    }
    const { createValidator } = await import('../validators/index.js');
    const validator = createValidator();
    const failures = cases.flatMap(({ name, golden }) => {
      const issues = validator.validate(JSON.parse(readFileSync(golden, 'utf8')) as never);
      return issues
        .filter((i) => i.severity === 'error' || i.details.coding?.some((c) => c.code === 'external-reference'))
        .map((i) => `${name}: ${i.details?.text ?? ''} @ ${(i.expression ?? []).join(',')}`);
    });
    expect(failures).toEqual([]);
  });

  it('converts deterministically (same ids and bytes on a second run)', () => {
    const file = join(FIXTURES, 'CCD', 'all-sections.ccda');
    expect(convert(file).json).toBe(convertedCase(file).json);
  });
});

describe('C-CDA collection behaviour', () => {
  it('a negated allergy without a substance becomes "no known drug allergy", never an allergy to something', () => {
    const [nka] = resources('CCD/negation-and-nullflavor.ccda', 'AllergyIntolerance');
    expect(nka.code).toEqual({ coding: [{ system: 'http://snomed.info/sct', code: '409137002', display: 'No known drug allergy' }] });
    expect(nka).not.toHaveProperty('reaction');
  });

  it('a negated problem is refuted; a negated generic problem is "no current problems"', () => {
    const refuted = resources('CCD/all-sections.ccda', 'Condition').find((c) => JSON.stringify(c.code).includes('44054006'));
    expect(refuted?.verificationStatus).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }] });
    const [none] = resources('CCD/negation-and-nullflavor.ccda', 'Condition');
    expect(JSON.stringify(none.code)).toContain('160245001');
  });

  it('negated medications and immunizations are not-taken / not-done', () => {
    const meds = resources('CCD/all-sections.ccda', 'MedicationStatement').map((m) => m.status);
    expect(meds).toEqual(['active', 'not-taken']);
    const imms = resources('CCD/all-sections.ccda', 'Immunization').map((m) => m.status);
    expect(imms).toEqual(['completed', 'not-done']);
  });

  it('a nullFlavor section keeps its narrative with an emptyReason and never yields coded resources', () => {
    const [composition] = resources('CCD/negation-and-nullflavor.ccda', 'Composition');
    const section = (composition.section as Record<string, unknown>[]).find((s) => s.title === 'Immunizations');
    expect(section?.emptyReason).toBeDefined();
    expect(section).not.toHaveProperty('entry');
    expect(JSON.stringify(section?.text)).toContain('No information');
  });

  it('nullFlavor values stay absent: no Condition for an unknown problem, dataAbsentReason for a missing vital, text-only codes', () => {
    const file = 'ProgressNote/nullflavor-everywhere.ccda';
    expect(resources(file, 'Condition')).toEqual([]);
    const weight = resources(file, 'Observation').find((o) => JSON.stringify(o.code).includes('29463-7'));
    expect(weight?.dataAbsentReason).toBeDefined();
    expect(weight).not.toHaveProperty('meta');
    expect(resources(file, 'MedicationStatement')[0].medicationCodeableConcept).toEqual({ text: 'Herbal supplement' });
    const [patient] = resources(file, 'Patient');
    expect(patient).not.toHaveProperty('identifier');
    expect(patient.gender).toBe('unknown');
    expect(resources(file, 'Provenance')[0].recorded).toBe('2024-03-05T10:15:00.25-05:00');
  });

  it('an embedded PDF becomes a DocumentReference attachment beside the original XML Binary', () => {
    const [doc] = resources('UnstructuredDocument/full-header-pdf.ccda', 'DocumentReference');
    const content = doc.content as { attachment: Record<string, string> }[];
    expect(content.map((c) => c.attachment.contentType)).toEqual(['text/xml', 'application/pdf']);
    expect(Buffer.from(content[1].attachment.data, 'base64').toString('latin1')).toMatch(/^%PDF-1\.4/);
    const [binary] = resources('UnstructuredDocument/full-header-pdf.ccda', 'Binary');
    expect(content[0].attachment.url).toBe(`Binary/${String(binary.id)}`);
  });

  it('birth sex from social history lands on the Patient as the US Core extension', () => {
    const [patient] = resources('CCD/all-sections.ccda', 'Patient');
    expect(patient.extension).toContainEqual({ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' });
  });

  it('an unknown section is kept as narrative and reported by unknownCcdaTemplates', () => {
    const [composition] = resources('CCD/all-sections.ccda', 'Composition');
    const moon = (composition.section as Record<string, unknown>[]).find((s) => s.title === 'Moon Phase Log');
    expect(JSON.stringify(moon?.text)).toContain('moon phase diary');
    const model = ccdaMapper.parse(readFileSync(join(FIXTURES, 'CCD', 'all-sections.ccda'), 'utf8'), { name: 'x' })[0].model;
    expect(unknownCcdaTemplates(model as Record<string, unknown>)).toEqual([
      expect.objectContaining({ position: '/ClinicalDocument/component/structuredBody/component[21]/section', segment: 'section', segmentIndex: 20 }),
    ]);
  });

  it.each(readdirSync(BAD).filter((f) => f.endsWith('.ccda')))('rejects bad/%s with a clear parse error', (name) => {
    const result = convert(join(BAD, name));
    expect(result.bundle).toBeUndefined();
    expect(result.error?.code).toMatch(/^parse\./);
    expect(result.error?.suggestion).toBeTruthy();
  });
});
