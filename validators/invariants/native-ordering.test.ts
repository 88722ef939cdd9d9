import fc from 'fast-check';
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import { describe, it, expect } from 'vitest';
import { NATIVE_CONSTRAINTS } from './native-constraints.js';

const PER_1 = 'start.hasValue().not() or end.hasValue().not() or (start <= end)';
const RNG_2 = 'low.empty() or high.empty() or (low <= high)';

function viaFhirpath(base: string, expression: string, value: Record<string, unknown>): boolean | undefined {
  const result = fhirpath.compile({ base, expression }, r4model, { traceFn: () => undefined })(value, {}) as unknown[];
  return result.length === 1 && typeof result[0] === 'boolean' ? result[0] : undefined;
}

const two = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
const offset = fc.constantFrom('+00:00', '-05:00', '+01:00', '-00:00', '+14:00', '+13:59', '+15:00', '-04:60');
const day = fc.tuple(fc.constantFrom('1999', '2024', '2023', '2000', '1900', '0999'), fc.oneof(two(1, 12), two(0, 13)), fc.oneof(two(1, 28), two(28, 32))).map(([y, m, d]) => `${y}-${m}-${d}`);
const time = fc.tuple(fc.oneof(two(0, 23), two(22, 24)), fc.oneof(two(0, 59), two(58, 60)), fc.oneof(two(0, 59), two(58, 60))).map(([h, m, s]) => `${h}:${m}:${s}`);
const ucum = fc.record({ value: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -3, max: 3, noNaN: true })), code: fc.constantFrom('mg', 'g', 'mmol/L', 'min', 'h'), system: fc.constant('http://unitsofmeasure.org') });
const other = fc.record(
  { value: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant('1')), code: fc.constantFrom('mg', 'g'), system: fc.constantFrom('http://unitsofmeasure.org', 'http://example.org'), comparator: fc.constantFrom('<', '>'), unit: fc.constant('mg') },
  { requiredKeys: [] },
);
const quantity = fc.oneof({ arbitrary: ucum, weight: 3 }, { arbitrary: other, weight: 2 });

describe('native per-1 and rng-2', () => {
  it('agree with fhirpath.js whenever they decide (per-1 on dateTimes with offsets)', () => {
    let decided = 0;
    fc.assert(
      fc.property(day, time, offset, fc.boolean(), day, time, offset, (d1, t1, o1, sameDay, d2, t2, o2) => {
        const start = `${d1}T${t1}${o1}`;
        const end = `${sameDay ? d1 : d2}T${t2}${o2}`;
        const native = NATIVE_CONSTRAINTS['per-1']({ start, end });
        if (native === undefined) return;
        decided++;
        expect(native).toBe(viaFhirpath('Period', PER_1, { start, end }));
      }),
      { numRuns: 1500 },
    );
    expect(decided).toBeGreaterThan(20);
  });

  it('agree with fhirpath.js whenever they decide (rng-2 on quantities)', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.option(quantity, { nil: undefined }), fc.option(quantity, { nil: undefined }), (low, high) => {
        const range: Record<string, unknown> = {};
        if (low) range.low = low;
        if (high) range.high = high;
        const native = NATIVE_CONSTRAINTS['rng-2'](range);
        if (native === undefined) return;
        decided++;
        expect(native).toBe(viaFhirpath('Range', RNG_2, range));
      }),
      { numRuns: 600 },
    );
    expect(decided).toBeGreaterThan(20);
  });
});
