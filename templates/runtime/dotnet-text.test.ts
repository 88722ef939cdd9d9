import { describe, expect, it } from 'vitest';
import { formatDotNetDouble, formatNewtonsoftDouble, quoteNewtonsoftString } from './dotnet-text.js';

describe('formatDotNetDouble (msfc-compat §9.1)', () => {
  it.each([
    [1e15, '1E+15'],
    [123456789012345, '123456789012345'],
    [0.0001, '0.0001'],
    [0.00001, '1E-05'],
    [2, '2'],
    [0.1, '0.1'],
    [1.5, '1.5'],
    [-2.25, '-2.25'],
    [1234.5678, '1234.5678'],
    [1e16, '1E+16'],
    [1.5e-7, '1.5E-07'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [NaN, 'NaN'],
  ])('%s → %s', (input, expected) => {
    expect(formatDotNetDouble(input)).toBe(expected);
  });
});

describe('formatNewtonsoftDouble (§9.2)', () => {
  it.each([
    [2, '2.0'],
    [1.5, '1.5'],
    [1e15, '1E+15'],
    [0.00001, '1E-05'],
  ])('%s → %s', (input, expected) => {
    expect(formatNewtonsoftDouble(input)).toBe(expected);
  });
});

describe('quoteNewtonsoftString (§9.2)', () => {
  it('escapes quotes, backslashes and named controls', () => {
    expect(quoteNewtonsoftString('a"b\\c\nd\te')).toBe('"a\\"b\\\\c\\nd\\te"');
  });
  it('writes other controls and U+2028 as lowercase \\u escapes, keeps / and non-ASCII raw', () => {
    expect(quoteNewtonsoftString('\u0001\u2028/é\u007f')).toBe('"\\u0001\\u2028/é\u007f"');
  });
});
