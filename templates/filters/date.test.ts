import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADD_HYPHENS_DATE, ADD_SECONDS, FORMAT_AS_DATE_TIME, FORMAT_AS_HL7V2_DATE_TIME, NOW } from './date.js';
import { callFilter, createTestEnv } from './filter-test-env.js';

const utc = createTestEnv();
const newYork = createTestEnv('America/New_York');
const fmt = (input: unknown, ...args: unknown[]): unknown => callFilter(FORMAT_AS_DATE_TIME, utc, input, ...args);
const hl7 = (input: unknown, ...args: unknown[]): unknown => callFilter(FORMAT_AS_HL7V2_DATE_TIME, utc, input, ...args);

describe('format_as_date_time (msfc-compat §7.3)', () => {
  it.each([
    ['19991231235959.5-0330', 'preserve', '1999-12-31T23:59:59.5-03:30'],
    ['19991231235959.5-0330', 'utc', '2000-01-01T03:29:59.5Z'],
    ['19991231235959.5-0330', 'UTC', '2000-01-01T03:29:59.5Z'],
    ['200506', 'preserve', '2005-06'],
    ['20050607083000', 'preserve', '2005-06-07T08:30:00Z'],
    ['2021010212', 'preserve', '2021-01-02T12:00:00Z'],
    ['202101021230', 'preserve', '2021-01-02T12:30:00Z'],
    ['20200101+0800', 'utc', '2019-12-31'],
    ['20200101+0800', 'preserve', '2020-01-01'],
    ['2020+0800', 'utc', '2019'],
    ['20200101120000.1234+0000', 'preserve', '2020-01-01T12:00:00.1234Z'],
    ['20200101120000-0000', 'preserve', '2020-01-01T12:00:00Z'],
    ['20200101120000+1400', 'preserve', '2020-01-01T12:00:00+14:00'],
    ['20200229', 'preserve', '2020-02-29'],
  ])('%s %s → %s', (input, zone, expected) => {
    expect(fmt(input, zone)).toBe(expected);
  });

  it('defaults to preserve and passes nil and "" through before checking the zone argument', () => {
    expect(fmt('2005')).toBe('2005');
    expect(fmt(null, 'bogus')).toBeNull();
    expect(fmt(undefined)).toBeUndefined();
    expect(fmt('', 'bogus')).toBe('');
  });

  it.each(['bogus', '', null])('rejects zone handling %s', (zone) => {
    expect(() => fmt('2020', zone)).toThrow(expect.objectContaining({ code: 'render.invalid-time-zone-handling', stage: 'render' }));
  });

  it.each([
    '20201301', '20200230', '20190229', '2020010124', '202001011260', '20200101120060', '20200101+1401', '20200101+0160',
    '2020-01-01', '202', '20200101120000.', ' 2020', '00000101', 'abcd',
  ])('rejects %s with render.invalid-date-time-format', (input) => {
    const call = (): unknown => fmt(input, 'preserve');
    expect(call).toThrow(expect.objectContaining({ code: 'render.invalid-date-time-format', suggestion: expect.any(String) }));
  });

  it('keeps PHI out of the error message', () => {
    expect(() => fmt('SECRET-NAME')).toThrow(expect.not.objectContaining({ message: expect.stringContaining('SECRET') }));
  });

  it('uses the host zone for zone-less inputs and for local handling', () => {
    expect(callFilter(FORMAT_AS_DATE_TIME, newYork, '20200115083000')).toBe('2020-01-15T08:30:00-05:00');
    expect(callFilter(FORMAT_AS_DATE_TIME, newYork, '20200715083000')).toBe('2020-07-15T08:30:00-04:00');
    expect(callFilter(FORMAT_AS_DATE_TIME, newYork, '20200715083000+0000', 'local')).toBe('2020-07-15T04:30:00-04:00');
    expect(callFilter(FORMAT_AS_DATE_TIME, newYork, '20200715083000', 'utc')).toBe('2020-07-15T12:30:00Z');
    expect(callFilter(FORMAT_AS_DATE_TIME, newYork, '20200715', 'utc')).toBe('2020-07-15');
    expect(callFilter(FORMAT_AS_DATE_TIME, newYork, '20201101013000')).toBe('2020-11-01T01:30:00-05:00');
    expect(callFilter(FORMAT_AS_DATE_TIME, newYork, '20200308023000')).toBe('2020-03-08T02:30:00-05:00');
  });
});

describe('add_hyphens_date', () => {
  it.each([
    ['19850101000000', 'preserve', '1985-01-01'],
    ['1985', 'preserve', '1985'],
    ['198502', 'preserve', '1985-02'],
    ['20200101233000-0500', 'utc', '2020-01-02'],
  ])('%s %s → %s', (input, zone, expected) => {
    expect(callFilter(ADD_HYPHENS_DATE, utc, input, zone)).toBe(expected);
  });

  it('errors on invalid input and zone', () => {
    expect(() => callFilter(ADD_HYPHENS_DATE, utc, '19851301')).toThrow(expect.objectContaining({ code: 'render.invalid-date-time-format' }));
    expect(() => callFilter(ADD_HYPHENS_DATE, utc, '1985', 'x')).toThrow(expect.objectContaining({ code: 'render.invalid-time-zone-handling' }));
  });
});

describe('add_seconds', () => {
  it.each([
    ['2001-05', 60, 'preserve', '2001-05-01T00:01:00Z'],
    ['2020-01-01T00:00:00+01:00', 1.5, 'utc', '2019-12-31T23:00:01.500Z'],
    ['2020-01-01T00:00:00.123456+01:00', 0, 'preserve', '2020-01-01T00:00:00.123+01:00'],
    ['2020-01-01T00:00:00.5Z', 1, 'preserve', '2020-01-01T00:00:01.005Z'],
    ['2020-12-31T23:59:59Z', 1, 'preserve', '2021-01-01T00:00:00Z'],
    ['2020-03-01T00:00:00Z', -1, 'preserve', '2020-02-29T23:59:59Z'],
    ['2020-03-01T00:00:00Z', 0.0001, 'preserve', '2020-03-01T00:00:00Z'],
    ['2020-03-01T00:00:00Z', 0.9999, 'preserve', '2020-03-01T00:00:00.999Z'],
    ['2020-03-01T00:00:00-05:00', 3600, 'local', '2020-03-01T06:00:00Z'],
  ])('%s + %s (%s) → %s', (input, seconds, zone, expected) => {
    expect(callFilter(ADD_SECONDS, utc, input, seconds, zone)).toBe(expected);
  });

  it('gives date-only inputs the host zone', () => {
    expect(callFilter(ADD_SECONDS, newYork, '2020-07-04', 30)).toBe('2020-07-04T00:00:30-04:00');
  });

  it.each(['2020-01-01T00:00:00', '2020-01-01T00:00Z', '2020-01-01T00:00:60Z', '2020-01-01T00:00:00+14:30', '0000', '20200101'])(
    'rejects %s',
    (input) => {
      expect(() => callFilter(ADD_SECONDS, utc, input, 1)).toThrow(expect.objectContaining({ code: 'render.invalid-date-time-format' }));
    },
  );

  it('rejects out-of-range results and NaN', () => {
    expect(() => callFilter(ADD_SECONDS, utc, '9999-12-31T23:59:59Z', 1)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
    expect(() => callFilter(ADD_SECONDS, utc, '2020', NaN)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});

describe('format_as_hl7v2_date_time', () => {
  it.each([
    ['2020-05-06T07:08:09.12-05:00', 'preserve', '20200506070809.12-0500'],
    ['2020-05-06T07:08:09.12-05:00', 'utc', '20200506120809.12+0000'],
    ['2020-05-06T07:08:09Z', 'preserve', '20200506070809+0000'],
    ['2020-05-06T07:08:09+14:00', 'preserve', '20200506070809+1400'],
    ['2020-05-06T07:08:09-13:59', 'preserve', '20200506070809-1359'],
    ['2020-05', 'preserve', '202005'],
    ['2020-05-06', 'preserve', '20200506'],
    ['2020', 'preserve', '2020'],
  ])('%s %s → %s', (input, zone, expected) => {
    expect(hl7(input, zone)).toBe(expected);
  });

  it('converts to the host zone for local handling', () => {
    expect(callFilter(FORMAT_AS_HL7V2_DATE_TIME, newYork, '2020-07-01T12:00:00Z', 'local')).toBe('20200701080000-0400');
    expect(callFilter(FORMAT_AS_HL7V2_DATE_TIME, newYork, '2020-01-01', 'utc')).toBe('20200101');
  });

  it.each(['2020-13', '2020-02-30', '2020-05-06T24:00:00Z', '2020-05-06T07:08:09+14:01', '2020-5-6', '20200506'])('rejects %s', (input) => {
    expect(() => hl7(input)).toThrow(expect.objectContaining({ code: 'render.invalid-date-time-format' }));
  });

  it('round-trips HL7 timestamps with zones through format_as_date_time', () => {
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    const stamp = fc.record({
      year: fc.integer({ min: 1900, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      fraction: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
      sign: fc.constantFrom('+', '-'),
      offset: fc.integer({ min: 1, max: 13 * 60 + 59 }),
    });
    fc.assert(
      fc.property(stamp, (s) => {
        const zone = `${s.sign}${pad(Math.floor(s.offset / 60), 2)}${pad(s.offset % 60, 2)}`;
        const text = `${pad(s.year, 4)}${pad(s.month, 2)}${pad(s.day, 2)}${pad(s.hour, 2)}${pad(s.minute, 2)}${pad(s.second, 2)}${s.fraction === undefined ? '' : '.' + s.fraction}${zone}`;
        expect(hl7(fmt(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('now', () => {
  it('formats the injected clock in UTC with the default format', () => {
    expect(callFilter(NOW, utc, null)).toBe('2024-03-05T06:07:08.09Z');
    expect(callFilter(NOW, newYork, 'ignored')).toBe('2024-03-05T06:07:08.09Z');
  });

  it('accepts a .NET format', () => {
    expect(callFilter(NOW, utc, null, 'yyyyMMddHHmmss')).toBe('20240305060708');
    expect(callFilter(NOW, utc, null, 'yyyy-MM-ddTHH:mm:ssK')).toBe('2024-03-05T06:07:08Z');
  });

  it('drops the dot when FFF is all zero', () => {
    const env = { ...utc, now: () => new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 0)) };
    expect(callFilter(NOW, env, null)).toBe('2024-01-01T00:00:00Z');
  });
});
