import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueLines } from '../../test-helpers.js';
import { loadProfileSet } from '../load-profiles.js';

type Json = Record<string, unknown>;
type Edit = (r: Json) => void;

const DIR = 'validators/profiles/us-core';
const profileFiles = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

function example(name: string): Json {
  return JSON.parse(readFileSync(join(DIR, 'examples', `${name}.json`), 'utf8')) as Json;
}

function at(r: Json, path: string): Json {
  return path.split('.').reduce<Json>((o, k) => o[k] as Json, r);
}

const drop = (key: string): Edit => (r) => {
  delete r[key];
};
const set = (key: string, value: unknown): Edit => (r) => {
  r[key] = value;
};
const setAt = (path: string, key: string, value: unknown): Edit => (r) => {
  at(r, path)[key] = value;
};
const cat = (system: string, code: string): unknown[] => [{ coding: [{ system, code }] }];
const WRONG_CATEGORY = cat('http://terminology.hl7.org/CodeSystem/observation-category', 'exam');
const WRONG_LOINC = { coding: [{ system: 'http://loinc.org', code: '0000-0' }] };

/** Per profile: violations of its own rules and the issue each must provoke (`severity expression rule`). */
const VIOLATIONS: Record<string, [string, Edit, string][]> = {
  'us-core-observation-lab': [
    ['no laboratory category', set('category', WRONG_CATEGORY), 'error Observation.category profile-min'],
    ['no subject', drop('subject'), 'error Observation.subject profile-min'],
    ['no value and no dataAbsentReason', drop('valueQuantity'), 'error Observation us-core-2'],
    ['effective only to the year', set('effectiveDateTime', '2024'), 'error Observation.effectiveDateTime us-core-1'],
  ],
  'us-core-vital-signs': [
    ['no vital-signs category', set('category', WRONG_CATEGORY), 'error Observation.category profile-min'],
    ['no effective', drop('effectiveDateTime'), 'error Observation.effective profile-min'],
    ['effective only to the month', set('effectiveDateTime', '2024-03'), 'error Observation.effectiveDateTime vs-1'],
  ],
  'us-core-body-weight': [
    ['wrong LOINC code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern'],
    ['unit not in ucum-bodyweight', setAt('valueQuantity', 'code', 'mm[Hg]'), 'error Observation.valueQuantity.code profile-binding-required'],
    ['unit system not UCUM', setAt('valueQuantity', 'system', 'http://example.org/units'), 'error Observation.valueQuantity.system profile-fixed'],
    ['no unit', (r) => delete at(r, 'valueQuantity').unit, 'error Observation.valueQuantity.unit profile-min'],
  ],
  'us-core-body-height': [
    ['unit not in ucum-bodylength', setAt('valueQuantity', 'code', 'm'), 'error Observation.valueQuantity.code profile-binding-required'],
    ['wrong LOINC code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern'],
  ],
  'us-core-body-temperature': [
    ['unit not in ucum-bodytemp', setAt('valueQuantity', 'code', 'K'), 'error Observation.valueQuantity.code profile-binding-required'],
    ['wrong LOINC code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern'],
  ],
  'us-core-heart-rate': [
    ['unit not /min', setAt('valueQuantity', 'code', '/h'), 'error Observation.valueQuantity.code profile-fixed'],
    ['wrong LOINC code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern'],
    ['no subject', drop('subject'), 'error Observation.subject profile-min'],
  ],
  'us-core-respiratory-rate': [
    ['unit not /min', setAt('valueQuantity', 'code', '/s'), 'error Observation.valueQuantity.code profile-fixed'],
    ['wrong LOINC code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern'],
  ],
  'us-core-bmi': [
    ['unit not kg/m2', setAt('valueQuantity', 'code', 'kg'), 'error Observation.valueQuantity.code profile-fixed'],
    ['heart-rate LOINC code', set('code', { coding: [{ system: 'http://loinc.org', code: '8867-4' }] }), 'error Observation.code profile-pattern'],
  ],
  'us-core-head-circumference': [['unit not in ucum-bodylength', setAt('valueQuantity', 'code', 'mm'), 'error Observation.valueQuantity.code profile-binding-required']],
  'pediatric-bmi-for-age': [['unit not %', setAt('valueQuantity', 'code', 'kg/m2'), 'error Observation.valueQuantity.code profile-fixed']],
  'pediatric-weight-for-height': [['wrong LOINC code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern']],
  'head-occipital-frontal-circumference-percentile': [['unit not %', setAt('valueQuantity', 'code', 'cm'), 'error Observation.valueQuantity.code profile-fixed']],
  'us-core-pulse-oximetry': [
    ['no 59408-5 coding', set('code', { coding: [{ system: 'http://loinc.org', code: '2708-6' }] }), 'error Observation.code.coding profile-min'],
    ['flow rate unit not L/min', (r) => ((r.component as Json[])[0].valueQuantity as Json).code = '%', 'error Observation.component[0].valueQuantity.code profile-fixed'],
  ],
  'us-core-smokingstatus': [
    ['wrong code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern'],
    ['no social-history category', set('category', WRONG_CATEGORY), 'error Observation.category profile-min'],
    ['no value', drop('valueCodeableConcept'), 'error Observation.value profile-min'],
    ['value as string', (r) => { delete r.valueCodeableConcept; r.valueString = 'never'; }, 'error Observation.valueString profile-type'],
    ['no effective', drop('effectiveDateTime'), 'error Observation.effective profile-min'],
  ],
  'us-core-observation-social-history': [['no social-history category', set('category', WRONG_CATEGORY), 'error Observation.category profile-min']],
  'us-core-observation-clinical-test': [
    ['no clinical-test category', set('category', WRONG_CATEGORY), 'error Observation.category profile-min'],
    ['no value and no dataAbsentReason', drop('valueString'), 'error Observation us-core-2'],
  ],
  'us-core-observation-sdoh-assessment': [['no survey category', set('category', WRONG_CATEGORY), 'error Observation.category profile-min']],
  'us-core-observation-sexual-orientation': [['wrong code', set('code', WRONG_LOINC), 'error Observation.code profile-pattern']],
  'us-core-diagnosticreport-lab': [
    ['no LAB category', set('category', cat('http://terminology.hl7.org/CodeSystem/v2-0074', 'RAD')), 'error DiagnosticReport.category profile-min'],
    ['no effective', drop('effectiveDateTime'), 'error DiagnosticReport.effective profile-min'],
    ['no subject', drop('subject'), 'error DiagnosticReport.subject profile-min'],
  ],
  'us-core-diagnosticreport-note': [
    ['no category', drop('category'), 'error DiagnosticReport.category profile-min'],
    ['no effective', drop('effectiveDateTime'), 'error DiagnosticReport.effective profile-min'],
  ],
  'us-core-immunization': [['no primarySource', drop('primarySource'), 'error Immunization.primarySource profile-min']],
  'us-core-procedure': [
    ['completed without performed', drop('performedDateTime'), 'error Procedure us-core-7'],
    ['no code', drop('code'), 'error Procedure.code profile-min'],
  ],
  'us-core-allergyintolerance': [['no code', drop('code'), 'error AllergyIntolerance.code profile-min']],
  'us-core-condition-problems-health-concerns': [
    ['no category', drop('category'), 'error Condition.category profile-min'],
    ['no code', drop('code'), 'error Condition.code profile-min'],
  ],
  'us-core-condition-encounter-diagnosis': [['problem-list category', set('category', cat('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item')), 'error Condition.category profile-min']],
  'us-core-encounter': [
    ['no type', drop('type'), 'error Encounter.type profile-min'],
    ['no subject', drop('subject'), 'error Encounter.subject profile-min'],
    ['identifier without system', (r) => delete (r.identifier as Json[])[0].system, 'error Encounter.identifier[0].system profile-min'],
  ],
  'us-core-documentreference': [
    ['attachment without url or data', (r) => delete ((r.content as Json[])[0].attachment as Json).data, 'error DocumentReference.content[0].attachment us-core-6'],
    ['no type', drop('type'), 'error DocumentReference.type profile-min'],
    ['no subject', drop('subject'), 'error DocumentReference.subject profile-min'],
  ],
  'us-core-practitioner': [
    ['no identifier', drop('identifier'), 'error Practitioner.identifier profile-min'],
    ['name without family', set('name', [{ given: ['Pat'] }]), 'error Practitioner.name[0].family profile-min'],
  ],
  'us-core-organization': [
    ['no name', drop('name'), 'error Organization.name profile-min'],
    ['no active', drop('active'), 'error Organization.active profile-min'],
    ['five address lines', (r) => ((r.address as Json[])[0].line = ['1', '2', '3', '4', '5']), 'error Organization.address[0].line profile-max'],
  ],
  'us-core-location': [['no name', drop('name'), 'error Location.name profile-min']],
  'us-core-relatedperson': [
    ['neither name nor relationship', drop('relationship'), 'error RelatedPerson us-core-14'],
    ['no active', drop('active'), 'error RelatedPerson.active profile-min'],
  ],
  'us-core-careplan': [
    ['no assess-plan category', drop('category'), 'error CarePlan.category profile-min'],
    ['no text', drop('text'), 'error CarePlan.text profile-min'],
  ],
  'us-core-careteam': [
    ['no subject', drop('subject'), 'error CareTeam.subject profile-min'],
    ['participant without role', (r) => delete (r.participant as Json[])[0].role, 'error CareTeam.participant[0].role profile-min'],
  ],
  'us-core-goal': [
    ['target due as a duration', (r) => ((r.target as Json[])[0] = { dueDuration: { value: 3, unit: 'mo', system: 'http://unitsofmeasure.org', code: 'mo' }, measure: { text: 'walk' }, detailString: '30 min' }), 'error Goal.target[0].dueDuration profile-type'],
    ['start as a code', set('startCodeableConcept', { text: 'when ready' }), 'error Goal.startCodeableConcept profile-type'],
  ],
  'us-core-provenance': [
    ['two transmitters', (r) => (r.agent = [0, 1].map(() => ({ type: { coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-provenance-participant-type', code: 'transmitter' }] }, who: { reference: 'Organization/x' } }))), 'error Provenance.agent profile-max'],
  ],
  'us-core-medication': [['no code', drop('code'), 'error Medication.code profile-min']],
  'us-core-questionnaireresponse': [
    ['no authored', drop('authored'), 'error QuestionnaireResponse.authored profile-min'],
    ['no questionnaire', drop('questionnaire'), 'error QuestionnaireResponse.questionnaire profile-min'],
  ],
  'us-core-servicerequest': [['no code', drop('code'), 'error ServiceRequest.code profile-min']],
};

describe('US Core 5.0.1 profiles (validators/profiles/us-core)', () => {
  it('every profile file is a US Core 5.0.1 StructureDefinition with an example and violations', () => {
    for (const f of profileFiles) {
      const sd = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Json;
      const name = f.replace(/\.json$/, '');
      expect(sd.url, f).toBe(`http://hl7.org/fhir/us/core/StructureDefinition/${name}`);
      expect(sd.version, f).toBe('5.0.1');
      expect(VIOLATIONS[name], f).toBeDefined();
    }
  });

  it('every US Core profile URL that the built-in templates mention is loaded, so no claim goes unchecked', () => {
    const set = loadProfileSet([], []);
    const urls = new Set<string>();
    for (const file of filesUnder('templates').filter((f) => /\.(liquid|json)$/.test(f))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/http:\/\/hl7\.org\/fhir\/us\/core\/StructureDefinition\/[A-Za-z-]+/g)) urls.add(m[0]);
    }
    expect(urls.size).toBeGreaterThan(10);
    expect([...urls].filter((u) => !set.has(u))).toEqual([]);
  });

  for (const f of profileFiles) {
    const name = f.replace(/\.json$/, '');
    it(`${name}: the example conforms and each violation is caught at its location`, () => {
      const valid = example(name);
      expect(issueLines(valid), name).toEqual([]);
      expect(issueLines(valid, undefined, 'all').filter((l) => l.endsWith('profile-unknown'))).toEqual([]);
      for (const [label, edit, expected] of VIOLATIONS[name] ?? []) {
        const bad = structuredClone(valid);
        edit(bad);
        const lines = issueLines(bad);
        expect(lines, label).toContain(expected);
      }
    });
  }
});
