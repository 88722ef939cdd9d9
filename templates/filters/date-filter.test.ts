import { describe, expect, it } from 'vitest';
import { NetDateTime } from '../runtime/dotnet-date.js';
import { wallFromParts } from '../runtime/wall-time.js';
import { DOTNET_DATE_FILTER } from './date-filter.js';
import { formatDotNetDate } from './dotnet-date-format.js';
import { tryParseDotNetDate } from './dotnet-date-parse.js';
import { callFilter, createTestEnv } from './filter-test-env.js';

const utc = createTestEnv();
const newYork = createTestEnv('America/New_York');
const date = (input: unknown, format: unknown, env = utc): unknown => callFilter(DOTNET_DATE_FILTER, env, input, format);

describe('date filter (msfc-compat §6.9)', () => {
  it('converts values with a zone to local time and prints %K as the local offset', () => {
    expect(date('2013-05-15T10:00:00+01:00', 'yyyy-MM-ddTHH:mm:ss.fff%K')).toBe('2013-05-15T09:00:00.000+00:00');
    expect(date('2013-05-15T10:00:00Z', 'yyyy-MM-ddTHH:mm:ss.fff%K', newYork)).toBe('2013-05-15T06:00:00.000-04:00');
  });

  it('prints nothing for %K on values without a zone', () => {
    expect(date('2013-05-15', 'yyyy-MM-ddTHH:mm:ss.fff%K')).toBe('2013-05-15T00:00:00.000');
    expect(date('2020-01', 'yyyy-MM-dd')).toBe('2020-01-01');
  });

  it.each([
    ['2020-01-02T03:04:05.6789', 'yyyy-MM-dd HH:mm:ss.fff', '2020-01-02 03:04:05.678'],
    ['2020-01-02T03:04:05.6789', 'FFFFFFF', '6789'],
    ['2020-01-02 13:04:05', 'hh:mm tt', '01:04 PM'],
    ['1/2/2020', 'yyyy-MM-dd', '2020-01-02'],
    ['12/31/2020 11:30 PM', 'HH:mm', '23:30'],
    ['2020/3/4', 'MMM d, yyyy', 'Mar 4, 2020'],
    ['2020-03-04', 'dddd, MMMM dd', 'Wednesday, March 04'],
    ['2020-03-04', "'Day' d", 'Day 4'],
    ['2020-03-04', 'yyyyMMdd', '20200304'],
    ['2020-03-04T05:06:07', '%h', '5'],
    ['2020-03-04T05:06:07', '%m', '6'],
    ['2020-03-04T05:06:07', '%M', '3'],
    ['2020-03-04T05:06:07', '\\h h', 'h 5'],
    ['2020-03-04T05:06:07', 'd', '03/04/2020'],
    ['2020-03-04T05:06:07', 'G', '03/04/2020 05:06:07'],
    ['2020-03-04T05:06:07', 's', '2020-03-04T05:06:07'],
    ['2020-03-04T05:06:07.5Z', 'o', '2020-03-04T05:06:07.5000000+00:00'],
  ])('%s | date: %s → %s', (input, format, expected) => {
    expect(date(input, format)).toBe(expected);
  });

  it('returns unparseable text unchanged', () => {
    for (const input of ['2020', '20200101', 'hello', '2020-13-01', '2020-02-30', '']) {
      expect(date(input, 'yyyy')).toBe(input);
    }
    expect(date(42, 'yyyy')).toBe(42);
  });

  it('returns nil for nil and the input for a blank format', () => {
    expect(date(null, 'yyyy')).toBeNull();
    expect(date('2020-01-01', '')).toBe('2020-01-01');
  });

  it('formats now/today from the injected clock in host local time', () => {
    expect(date('now', 'yyyy-MM-ddTHH:mm:ssK')).toBe('2024-03-05T06:07:08+00:00');
    expect(date('today', 'yyyy-MM-ddTHH:mm:sszzz', newYork)).toBe('2024-03-05T01:07:08-05:00');
  });

  it('formats date objects', () => {
    expect(date(new NetDateTime(wallFromParts(2020, 3, 4, 5, 6, 7, 800), 0, 'utc'), 'yyyy-MM-ddTHH:mm:ss.FFFK')).toBe('2020-03-04T05:06:07.8Z');
    expect(date(new Date(Date.UTC(2021, 0, 2)), 'yyyy-MM-dd zzz')).toBe('2021-01-02 +00:00');
  });

  it.each(['yyyy "open', 'yyyy\\', 'Q', '%', 'ffffffff'])('rejects malformed format %s', (format) => {
    expect(() => date('2020-01-01', format)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});

describe('formatDotNetDate', () => {
  const value = new NetDateTime(wallFromParts(9, 1, 2, 0, 5, 6, 70), 1234, 'unspecified');
  it.each([
    ['y yy yyy yyyy yyyyy', '9 09 009 0009 00009'],
    ['h hh H HH t tt', '12 12 0 00 A AM'],
    ['f ff fffffff F FF FFFFFFF', '0 07 0701234  07 0701234'],
    ['gg', 'A.D.'],
    ['g', '01/02/0009 00:05'],
    ['z zz zzz K', '+0 +00 +00:00 '],
  ])('%s → %s', (format, expected) => {
    expect(formatDotNetDate(value, format, 'UTC')).toBe(expected);
  });
});

describe('tryParseDotNetDate', () => {
  it('parses fractions to ticks and keeps unspecified kind without a zone', () => {
    const parsed = tryParseDotNetDate('2020-01-02T03:04:05.1234567');
    expect(parsed?.kind).toBe('unspecified');
    expect(parsed && formatDotNetDate(parsed, 'fffffff', 'UTC')).toBe('1234567');
  });

  it('rejects offsets beyond 14 hours', () => {
    expect(tryParseDotNetDate('2020-01-02T03:04:05+15:00')).toBeUndefined();
  });
});
