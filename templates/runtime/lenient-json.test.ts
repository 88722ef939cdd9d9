import { describe, expect, it } from 'vitest';
import { LenientJsonError, parseLenientJson } from './lenient-json.js';
import { detectNewtonsoftDate, NetDateTime, normalizeNewtonsoftDate } from './dotnet-date.js';
import { NetDouble } from './values.js';

describe('parseLenientJson (msfc-compat §2.6)', () => {
  it('accepts comments, single quotes, unquoted names and trailing commas', () => {
    expect(parseLenientJson("{ /* c */ a: 'x', 'b': [1, 2,], // end\n }")).toEqual({ a: 'x', b: [1, 2] });
  });

  it('yields null elements for ,, and a leading comma in arrays', () => {
    expect(parseLenientJson('[,1,,2]')).toEqual([null, 1, null, 2]);
  });

  it('rejects ,, in objects and trailing text', () => {
    expect(() => parseLenientJson('{a:1,,b:2}')).toThrow(LenientJsonError);
    expect(() => parseLenientJson('{} x')).toThrow(LenientJsonError);
  });

  it('reads integers as ints and other numbers as doubles, decoding escapes', () => {
    const value = parseLenientJson('{"i": 2, "d": 2.0, "s": "\\u0041\\n"}') as Record<string, unknown>;
    expect(value.i).toBe(2);
    expect(value.d).toBeInstanceOf(NetDouble);
    expect(value.s).toBe('A\n');
  });

  it('re-writes detected dates only when asked', () => {
    expect(parseLenientJson('["2020-03-04T05:06:07.000Z"]', { dateTimeZone: 'UTC' })).toEqual(['2020-03-04T05:06:07Z']);
    expect(parseLenientJson('["2020-03-04T05:06:07.000Z"]')).toEqual(['2020-03-04T05:06:07.000Z']);
  });
});

describe('normalizeNewtonsoftDate (msfc-compat §9.3)', () => {
  it.each([
    ['2020-03-04T05:06:07.800+02:00', '2020-03-04T03:06:07.8+00:00'],
    ['2020-03-04T05:06:07.000Z', '2020-03-04T05:06:07Z'],
    ['2020-03-04T05:06:07', '2020-03-04T05:06:07'],
    ['2013-04-02T09:30:10.000+01:00', '2013-04-02T08:30:10+00:00'],
    ['2020-03-04T24:00:00', '2020-03-05T00:00:00'],
    ['2020-03-04T05:06:07+0530', '2020-03-03T23:36:07+00:00'],
  ])('%s → %s on a UTC host', (input, expected) => {
    expect(normalizeNewtonsoftDate(input, 'UTC')).toBe(expected);
  });

  it.each(['2020-02-30T00:00:00', '2020-03-04', '2020-03-04T05:60:00', '2020-03-04T05:06:07.12345678Z', 'x2020-03-04T05:06:07'])(
    '%s is not a date',
    (input) => {
      expect(normalizeNewtonsoftDate(input, 'UTC')).toBeUndefined();
    },
  );

  it('converts offsets to the configured host zone', () => {
    expect(normalizeNewtonsoftDate('2020-07-01T12:00:00Z', 'UTC')).toBe('2020-07-01T12:00:00Z');
    expect(normalizeNewtonsoftDate('2020-07-01T12:00:00+00:00', 'America/New_York')).toBe('2020-07-01T08:00:00-04:00');
  });
});

describe('parseLenientJson options (the evaluate filter rules, msfc-compat §7.1)', () => {
  it('limits nesting when asked', () => {
    expect(() => parseLenientJson('[[1]]', { maxDepth: 2 })).not.toThrow();
    expect(() => parseLenientJson('[[[1]]]', { maxDepth: 2 })).toThrow(LenientJsonError);
  });

  it('refuses unquoted property names when asked', () => {
    expect(parseLenientJson('{a:1}')).toEqual({ a: 1 });
    expect(() => parseLenientJson('{a:1}', { quotedNamesOnly: true })).toThrow(LenientJsonError);
  });

  it('turns strings into date values through reviveDate, keys stay text', () => {
    const value = parseLenientJson('{"2020-01-01T00:00:00":"2020-01-01T00:00:00Z"}', { reviveDate: detectNewtonsoftDate });
    const [[key, date]] = Object.entries(value as object);
    expect(key).toBe('2020-01-01T00:00:00');
    expect(date).toBeInstanceOf(NetDateTime);
  });

  it('accepts \\v and \\f as whitespace', () => {
    expect(parseLenientJson('\v[\f1]')).toEqual([1]);
  });
});
