import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createValidator } from './index.js';

describe('createValidator', () => {
  const validator = createValidator();

  it('wraps issues in an OperationOutcome, with an All OK issue when clean', () => {
    expect(validator.outcome([])).toEqual({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', details: { text: 'All OK' } }] });
    const issues = validator.validate({ resourceType: 'Patient', gender: 'x' });
    expect(validator.outcome(issues).issue).toEqual(issues);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'code-invalid', expression: ['Patient.gender'] });
  });

  it('names the template and source position of the entry an issue points into', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', gender: 'x' } }] };
    const issues = validator.validate(bundle, [{ template: 'ADT_A01', position: 'PID-8' }]);
    expect(issues.map((i) => i.source)).toEqual([{ template: 'ADT_A01', position: 'PID-8' }]);
  });

  it('never throws on arbitrary JSON', () => {
    for (const input of [{}, { resourceType: 42 }, { resourceType: 'Bundle', entry: 'x' }, { resourceType: 'Bundle', type: 'transaction', entry: [null, 1, { resource: [] }] }]) {
      expect(() => validator.validate(input as never)).not.toThrow();
    }
    const types = fc.constantFrom('Patient', 'Observation', 'Bundle', 'Encounter', 'Questionnaire');
    const keys = fc.constantFrom('id', 'name', 'status', 'code', 'entry', 'value', 'valueQuantity', 'component', 'item', 'extension', 'contained', 'subject', '_birthDate', 'type', 'meta');
    const body = fc.dictionary(keys, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 });
    fc.assert(
      fc.property(types, body, (resourceType, rest) => {
        const issues = validator.validate({ ...rest, resourceType } as never);
        return Array.isArray(issues);
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
