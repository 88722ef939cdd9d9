import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { parseRestfulTail, parseRestfulTailRegex } from './bundle-index.js';

const UNITS = ['P', 'a', 't', 'i', 'e', 'n', 'O', 'b', 'Z', 'z', '0', '9', '-', '.', '_', '/', ':', ' ', 'é', '|', '?', '#'];
const unit = fc.constantFrom(...UNITS);

describe('parseRestfulTail', () => {
  it('agrees with the regex on references, fullUrls and request urls', () => {
    const cases = ['Patient/1', 'Patient/abc-1.2', 'Practitioner/f47ba3c5-6fbf-9e22-c0e6-293e54e6d7cf', 'urn:uuid:1', '#c1', 'http://x.org/fhir/Patient/1', 'Patient/1/_history/2',
      'fooBarPatient/1', 'a/1', 'P/1', 'Pa/', '/1', 'Patient/' + 'x'.repeat(64), 'Patient/' + 'x'.repeat(65), 'Patient?x=1', 'Observation/1 ', 'Obs1/2', 'abC/d'];
    for (const c of cases) expect(parseRestfulTail(c)).toEqual(c.includes('/') ? parseRestfulTailRegex(c) : undefined);
  });

  it('agrees with the regex on random strings', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), fc.nat(64), (units, idLength) => {
        const s = units.join('');
        const withId = `${s}/${'a1'.repeat(idLength).slice(0, idLength)}`;
        for (const url of [s, withId]) expect(parseRestfulTail(url)).toEqual(url.includes('/') ? parseRestfulTailRegex(url) : undefined);
      }),
      { numRuns: 3000 },
    );
  });
});
