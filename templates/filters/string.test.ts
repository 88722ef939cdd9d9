import { describe, expect, it } from 'vitest';
import { detectNewtonsoftDate, NetDateTime } from '../runtime/dotnet-date.js';
import { Drop, KeyValuePair, NetDecimal, NetDouble, SafeList } from '../runtime/values.js';
import { wallFromParts } from '../runtime/wall-time.js';
import { callFilter, createTestEnv } from './filter-test-env.js';
import {
  CHAR_AT,
  CONTAINS,
  ESCAPE_SPECIAL_CHARS,
  MATCH,
  TO_DOUBLE,
  TO_JSON_STRING,
  UNESCAPE_SPECIAL_CHARS,
} from './string.js';

const env = createTestEnv();
const newYork = createTestEnv('America/New_York');
const toJson = (value: unknown, e = env): unknown => callFilter(TO_JSON_STRING, e, value);

class FieldDrop extends Drop {
  liquidGet(): unknown {
    return undefined;
  }
}

describe('to_json_string (msfc-compat §7.2, §9.2, §9.3)', () => {
  it('writes the value model compactly with mappings in insertion order', () => {
    const value = { z: 1, a: [new NetDouble(2), new NetDouble(1.5), new NetDouble(1e15)], s: 'x', t: true, f: false, n: null };
    expect(toJson(value)).toBe('{"z":1,"a":[2.0,1.5,1E+15],"s":"x","t":true,"f":false,"n":null}');
  });

  it('escapes strings the Newtonsoft way', () => {
    expect(toJson('a"b\\c\n\u0001\u0085\u2028/é\u007f')).toBe('"a\\"b\\\\c\\n\\u0001\\u0085\\u2028/é\u007f"');
  });

  it('returns nil for nil and writes nested nil as null', () => {
    expect(toJson(null)).toBeNull();
    expect(toJson(undefined)).toBeNull();
    expect(toJson([undefined])).toBe('[null]');
  });

  it('writes decimals, key/value pairs, safe lists and non-finite doubles', () => {
    expect(toJson([new NetDecimal(5), new NetDecimal(5.5), new NetDecimal(1e-7)])).toBe('[5.0,5.5,0.0000001]');
    expect(toJson(new KeyValuePair('k', { v: 1 }))).toBe('{"Key":"k","Value":{"v":1}}');
    expect(toJson(new SafeList(['a', 'b']))).toBe('["a","b"]');
    expect(toJson([new NetDouble(NaN), new NetDouble(-Infinity)])).toBe('["NaN","-Infinity"]');
    expect(toJson(12)).toBe('12');
    const doubles = [0.0001, 0.00001, 123456789012345, 1e15, -2].map((d) => new NetDouble(d));
    expect(toJson(doubles)).toBe('[0.0001,1E-05,123456789012345.0,1E+15,-2.0]');
  });

  it('writes dates per §9.3 on a UTC host', () => {
    const detect = (text: string): unknown => detectNewtonsoftDate(text);
    expect(toJson(detect('2020-03-04T05:06:07.800+02:00'))).toBe('"2020-03-04T03:06:07.8+00:00"');
    expect(toJson(detect('2020-03-04T05:06:07.000Z'))).toBe('"2020-03-04T05:06:07Z"');
    expect(toJson(detect('2020-03-04T05:06:07'))).toBe('"2020-03-04T05:06:07"');
    expect(toJson(new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 600)))).toBe('"2020-01-02T03:04:05.6Z"');
  });

  it('writes local-kind dates with the host offset', () => {
    const local = new NetDateTime(wallFromParts(2020, 7, 1, 8, 0, 0, 0), 0, 'local');
    expect(toJson(local, newYork)).toBe('"2020-07-01T08:00:00-04:00"');
  });

  it('refuses to serialise HL7 drops', () => {
    expect(() => toJson({ pid: new FieldDrop() })).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});

describe('Newtonsoft date detection (msfc-compat §9.3)', () => {
  it.each([
    ['2020-03-04T05:06:07', 'unspecified'],
    ['2020-03-04T05:06:07z', 'utc'],
    ['2020-03-04T05:06:07.1234567+05', 'local'],
    ['2020-03-04T05:06:07-0530', 'local'],
    ['2020-03-04T24:00:00', 'unspecified'],
    ['/Date(0)/', 'utc'],
    ['/Date(0+0100)/', 'local'],
  ])('%s is a date of kind %s', (text, kind) => {
    expect(detectNewtonsoftDate(text)?.kind).toBe(kind);
  });

  it.each(['2020-03-04', '2020-03-04 05:06:07', '2020-02-30T05:06:07', '2020-03-04T05:60:07', '2020-03-04T05:06:07.12345678', 'x020-03-04T05:06:07', '2020-03-04T24:00:01'])(
    '%s stays a string',
    (text) => {
      expect(detectNewtonsoftDate(text)).toBeUndefined();
    },
  );
});

describe('char_at, contains, to_double', () => {
  it('char_at returns one UTF-16 unit and fails out of range', () => {
    expect(callFilter(CHAR_AT, env, 'abc', 0)).toBe('a');
    expect(callFilter(CHAR_AT, env, 'abc', 2)).toBe('c');
    for (const index of [3, -1]) {
      expect(() => callFilter(CHAR_AT, env, 'abc', index)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
    }
    expect(() => callFilter(CHAR_AT, env, null, 0)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it('contains is an ordinal substring test; nil input → false; nil argument → error', () => {
    expect(callFilter(CONTAINS, env, 'Hello', 'ell')).toBe(true);
    expect(callFilter(CONTAINS, env, 'Hello', 'ELL')).toBe(false);
    expect(callFilter(CONTAINS, env, 'Hello', '')).toBe(true);
    expect(callFilter(CONTAINS, env, null, 'x')).toBe(false);
    expect(() => callFilter(CONTAINS, env, 'Hello', null)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it.each([
    ['1,234.50', 1234.5],
    [' -2.5e3 ', -2500],
    ['.5', 0.5],
    ['7.', 7],
    ['+3', 3],
    ['Infinity', Infinity],
    ['-infinity', -Infinity],
  ])('to_double %j → %s', (input, expected) => {
    const result = callFilter(TO_DOUBLE, env, input);
    expect(result).toBeInstanceOf(NetDouble);
    expect((result as NetDouble).value).toBe(expected);
  });

  it.each([null, '', 'abc', '1.2.3', ',1', '0x10', '1 2'])('to_double rejects %j', (input) => {
    expect(() => callFilter(TO_DOUBLE, env, input)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});

describe('escape_special_chars / unescape_special_chars', () => {
  it('escapes backslashes and quotes', () => {
    expect(callFilter(ESCAPE_SPECIAL_CHARS, env, 'a"b\\c')).toBe('a\\"b\\\\c');
    expect(callFilter(ESCAPE_SPECIAL_CHARS, env, '')).toBe('');
    expect(callFilter(ESCAPE_SPECIAL_CHARS, env, null)).toBeNull();
  });

  it('unescapes in a single pass', () => {
    expect(callFilter(UNESCAPE_SPECIAL_CHARS, env, 'a\\"b\\\\c')).toBe('a"b\\c');
    expect(callFilter(UNESCAPE_SPECIAL_CHARS, env, '\\\\"')).toBe('\\"');
    expect(callFilter(UNESCAPE_SPECIAL_CHARS, env, '\\n')).toBe('\\n');
    expect(callFilter(UNESCAPE_SPECIAL_CHARS, env, undefined)).toBeUndefined();
  });

  it('round-trips', () => {
    const text = 'say "hi" \\ bye \\"';
    expect(callFilter(UNESCAPE_SPECIAL_CHARS, env, callFilter(ESCAPE_SPECIAL_CHARS, env, text))).toBe(text);
  });
});

describe('match (.NET regex, at most one match)', () => {
  const match = (input: unknown, regex: unknown): unknown => callFilter(MATCH, env, input, regex);

  it('returns the first match only', () => {
    expect(match('ab12cd34', '[0-9]+')).toEqual(['12']);
    expect(match('abc', '\\d')).toEqual([]);
    expect(match('', 'a')).toEqual([]);
    expect(match(null, 'a')).toEqual([]);
  });

  it('translates .NET-only syntax', () => {
    expect(match('ABC', '(?i)b')).toEqual(['B']);
    expect(match('x-42', "(?'num'\\d+)")).toEqual(['42']);
    expect(match('line\n', 'line$')).toEqual(['line']);
    expect(match('ab\nab', '\\Aab')).toEqual(['ab']);
    expect(match('a$b', '[$]')).toEqual(['$']);
  });

  it('is stateless across calls with the cached pattern', () => {
    expect(match('aaa', 'a')).toEqual(['a']);
    expect(match('aaa', 'a')).toEqual(['a']);
  });

  it('rejects an invalid pattern', () => {
    expect(() => match('abc', '(')).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});
