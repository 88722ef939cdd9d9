import { describe, expect, it } from 'vitest';
import { formatDotNetDouble } from '../runtime/dotnet-text.js';
import { NetDecimal, NetDouble } from '../runtime/values.js';
import { callFilter, createTestEnv } from './filter-test-env.js';
import { ABS, DIVIDE, IS_NA_N, POW, RANDOM, SIGN, TRUNCATE_NUMBER } from './math.js';

const env = createTestEnv();
const text = (value: unknown): string => {
  expect(value).toBeInstanceOf(NetDouble);
  return formatDotNetDouble((value as NetDouble).value);
};

describe('math filters (msfc-compat §7.5)', () => {
  it.each([
    [ABS, -2.5, [], '2.5'],
    [ABS, null, [], '0'],
    [POW, 2, [10], '1024'],
    [POW, 2, [0.5], '1.4142135623730951'],
    [SIGN, -7, [], '-1'],
    [SIGN, 0, [], '0'],
    [SIGN, 0.1, [], '1'],
    [TRUNCATE_NUMBER, -0.5, [], '-0'],
    [TRUNCATE_NUMBER, 2.7, [], '2'],
    [DIVIDE, 1, [4], '0.25'],
    [DIVIDE, 1, [0], 'Infinity'],
    [DIVIDE, -1, [0], '-Infinity'],
    [DIVIDE, 0, [0], 'NaN'],
    [DIVIDE, 10, [4], '2.5'],
  ])('%#: returns doubles', (spec, input, args, expected) => {
    expect(text(callFilter(spec, env, input, ...args))).toBe(expected);
  });

  it('sign of NaN is an error', () => {
    expect(() => callFilter(SIGN, env, NaN)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it('random stays in [0, max)', () => {
    for (let i = 0; i < 200; i += 1) {
      const value = (callFilter(RANDOM, env, null, 3) as NetDouble).value;
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(3);
    }
  });

  it.each([
    ['12.5', true],
    [' 1,000 ', true],
    ['NaN', true],
    ['abc', false],
    ['', false],
    [null, false],
    [5, true],
    [new NetDouble(1.5), true],
    [new NetDecimal(2), true],
    [true, false],
    [{ a: 1 }, false],
    [[1], false],
  ])('is_na_n %j → %s (inverted meaning)', (input, expected) => {
    expect(callFilter(IS_NA_N, env, input)).toBe(expected);
  });
});
