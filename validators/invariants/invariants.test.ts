import { describe, it, expect } from 'vitest';
import { issueLines } from '../test-helpers.js';

const obs = { resourceType: 'Observation', status: 'final', code: { text: 'x' } };

describe('invariants validator', () => {
  it('evaluates resource-level invariants (obs-6, dom-2, dom-4)', () => {
    expect(issueLines({ ...obs, valueString: 'a', dataAbsentReason: { text: 'n/a' } })).toEqual(['error Observation obs-6']);
    const nested = { resourceType: 'Patient', contained: [{ resourceType: 'Patient', id: 'c', meta: { versionId: '1' }, contained: [{ resourceType: 'Organization', id: 'o' }] }], link: [{ other: { reference: '#c' }, type: 'seealso' }] };
    expect(issueLines(nested)).toEqual(expect.arrayContaining(['error Patient dom-2', 'error Patient dom-4']));
  });

  it('evaluates datatype and backbone invariants (per-1, qty-3, obs-3)', () => {
    const lines = issueLines({ ...obs, effectivePeriod: { start: '2024-02-01', end: '2024-01-01' }, valueQuantity: { value: 1, code: 'mg' }, referenceRange: [{ appliesTo: [{ text: 'adults' }] }] });
    expect(lines).toEqual(['error Observation.effectivePeriod per-1', 'error Observation.valueQuantity qty-3', 'error Observation.referenceRange[0] obs-3']);
  });

  it('evaluates bundle invariants (bdl-9, bdl-11)', () => {
    const doc = { resourceType: 'Bundle', type: 'document', timestamp: '2024-01-01T00:00:00Z', entry: [{ fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001', resource: { resourceType: 'Patient' } }] };
    expect(issueLines(doc)).toEqual(['error Bundle bdl-9', 'error Bundle bdl-11']);
  });

  it('passes when the constraint holds and can be turned off', () => {
    expect(issueLines({ ...obs, effectivePeriod: { start: '2024-01-01T10:00:00Z', end: '2024-01-01T11:00:00Z' } })).toEqual([]);
    expect(issueLines({ ...obs, valueString: 'a', dataAbsentReason: { text: 'n/a' } }, { checkInvariants: false })).toEqual([]);
  });
});
