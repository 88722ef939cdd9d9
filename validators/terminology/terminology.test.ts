import { describe, it, expect } from 'vitest';
import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import { issueLines } from '../test-helpers.js';
import { TerminologyService } from './terminology-service.js';

const CLIN = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

describe('terminology validator', () => {
  it('flags codes outside required bindings (code, Coding, CodeableConcept)', () => {
    expect(issueLines({ resourceType: 'Patient', gender: 'f' })).toEqual(['error Patient.gender binding-required']);
    const condition = { resourceType: 'Condition', subject: { reference: 'Patient/1' }, clinicalStatus: { coding: [{ system: CLIN, code: 'finished' }] } };
    expect(issueLines(condition)).toEqual(['error Condition.clinicalStatus binding-required', 'error Condition.clinicalStatus.coding[0].code unknown-code']);
  });

  it('accepts a CodeableConcept when any coding is in the ValueSet', () => {
    const condition = { resourceType: 'Condition', subject: { reference: 'Patient/1' }, clinicalStatus: { coding: [{ system: 'http://other.org', code: 'x' }, { system: CLIN, code: 'active' }] } };
    expect(issueLines(condition, undefined, 'all')).toEqual([]);
  });

  it('warns on extensible bindings and is silent for unknown external systems', () => {
    const pat = { resourceType: 'Patient', maritalStatus: { coding: [{ system: 'http://local.org/marital', code: 'zz' }] } };
    expect(issueLines(pat, undefined, 'all')).toEqual(['warning Patient.maritalStatus binding-extensible']);
  });

  it('can be turned off', () => {
    expect(issueLines({ resourceType: 'Patient', gender: 'f' }, { terminology: false })).toEqual([]);
  });

  it('expands from compose.include when no expansion is shipped and counts what it cannot expand', () => {
    const term = new TerminologyService(loadCoreDefinitions());
    const exp = term.expand('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1');
    expect([...(exp?.codes ?? [])].sort()).toEqual(['female', 'male', 'other', 'unknown']);
    expect(term.expand('http://hl7.org/fhir/ValueSet/observation-codes')).toBeUndefined();
    expect(term.skippedValueSets).toBe(1);
  });
});
