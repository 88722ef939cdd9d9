import { describe, it, expect } from 'vitest';
import { createValidator } from './index.js';

describe('smoke', () => {
  it('runs', () => {
    const t0 = Date.now();
    const v = createValidator();
    const t1 = Date.now();
    const issues = v.validate({ resourceType: 'Bundle', type: 'collection', entry: [
      { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', gender: 'xx', birthDate: '2020-13-01', foo: 1, name: [{}], managingOrganization: { reference: 'urn:uuid:2' } } },
      { fullUrl: 'urn:uuid:3', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueQuantity: { value: 1, code: 'mg', unit: 'mg' }, subject: { reference: 'urn:uuid:1' }, referenceRange: [{ text: 'a' }] } },
    ] } as never);
    console.log(t1 - t0, Date.now() - t1, JSON.stringify(issues, null, 1));
    expect(issues.length).toBeGreaterThan(0);
  });
});
