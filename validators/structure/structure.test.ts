import { describe, it, expect } from 'vitest';
import { issueLines } from '../test-helpers.js';

describe('structure validator', () => {
  it('accepts a well-formed resource', () => {
    expect(issueLines({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Quill', given: ['Ada'] }], birthDate: '1970-04' })).toEqual([]);
  });

  it('reports unknown, mis-shaped, empty and badly formatted elements with their FHIRPath', () => {
    const lines = issueLines({
      resourceType: 'Patient',
      id: 'bad id',
      nmae: [],
      name: { family: 'x' },
      telecom: [{}],
      active: 'yes',
      birthDate: '1970-02-31T',
      multipleBirthBoolean: true,
      multipleBirthInteger: 2,
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'error Patient.nmae unknown-element',
        'error Patient.name array-expected',
        'error Patient.telecom[0] empty',
        'error Patient.active primitive-type',
        'error Patient.birthDate format',
        'error Patient.id format',
        'error Patient.multipleBirthInteger choice-multiple',
      ]),
    );
  });

  it('reports missing required elements and resourceType problems', () => {
    expect(issueLines({ resourceType: 'Observation', code: { text: 'x' } })).toContain('error Observation.status min');
    expect(issueLines({ resourceType: 'Patiant' })).toEqual(['error Patiant resource-type']);
    expect(issueLines({ id: 'x' })).toEqual(['error Resource resource-type']);
  });

  it('walks contained resources, primitive extensions and backbone elements', () => {
    const lines = issueLines({
      resourceType: 'Patient',
      contained: [{ resourceType: 'Organization', id: 'o1', nam: 'x' }],
      managingOrganization: { reference: '#o1' },
      _birthDate: { extension: [{ url: 'http://example.org/x' }] },
      contact: [{ gender: 'female', relationship: 'spouse' }],
    });
    expect(lines).toEqual(
      expect.arrayContaining(['error Patient.contained[0].nam unknown-element', 'error Patient.birthDate.extension[0] ext-1', 'error Patient.contact[0].relationship array-expected']),
    );
  });

  it('accepts null in primitive arrays aligned with _element and rejects it elsewhere', () => {
    expect(issueLines({ resourceType: 'Patient', name: [{ given: ['A', null], _given: [null, { id: 'g2', extension: [{ url: 'http://e.org/x', valueString: 'v' }] }] }] })).toEqual([]);
    expect(issueLines({ resourceType: 'Patient', gender: null })).toEqual(['error Patient.gender empty']);
  });

  it('checks integer ranges and JSON kinds of numbers', () => {
    const lines = issueLines({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueInteger: 2.5, component: [{ code: { text: 'y' }, valueQuantity: { value: '1' } }] });
    expect(lines).toEqual(expect.arrayContaining(['error Observation.valueInteger primitive-type', 'error Observation.component[0].valueQuantity.value primitive-type']));
  });
});
