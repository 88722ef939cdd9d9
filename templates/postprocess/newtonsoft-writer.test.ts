import { describe, expect, it } from 'vitest';
import { NetDouble } from '../runtime/values.js';
import { writeCompactJson, writeIndentedJson } from './newtonsoft-writer.js';

describe('Newtonsoft indented writing (msfc-compat §8.5, §9.2)', () => {
  it('indents by two spaces with ": " and LF, without a trailing newline', () => {
    const tree = new Map<string, unknown>([
      ['a', 1],
      ['b', [true, null]],
      ['c', new Map([['d', 'x']])],
    ]);
    expect(writeIndentedJson(tree)).toBe(
      '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ],\n  "c": {\n    "d": "x"\n  }\n}',
    );
  });

  it('prints empty containers as {} and [] at any depth', () => {
    expect(writeIndentedJson({})).toBe('{}');
    expect(writeIndentedJson([])).toBe('[]');
    expect(writeIndentedJson({ a: {}, b: [[], [{}]] })).toBe(
      '{\n  "a": {},\n  "b": [\n    [],\n    [\n      {}\n    ]\n  ]\n}',
    );
  });

  it('writes doubles with .NET text and a .0 suffix, integers plainly', () => {
    const tree = [new NetDouble(2), new NetDouble(1.5), new NetDouble(1e15), new NetDouble(0.00001), 7, -12];
    expect(writeCompactJson(tree)).toBe('[2.0,1.5,1E+15,1E-05,7,-12]');
    expect(writeCompactJson([new NetDouble(-0), new NetDouble(123456789012345)])).toBe('[-0.0,123456789012345.0]');
  });

  it('writes non-finite doubles as quoted strings', () => {
    expect(writeCompactJson([new NetDouble(Infinity), new NetDouble(-Infinity), Number.NaN])).toBe(
      '["Infinity","-Infinity","NaN"]',
    );
  });

  it('writes big integers exactly', () => {
    expect(writeCompactJson([123456789012345678901234567890n, -9223372036854775809n])).toBe(
      '[123456789012345678901234567890,-9223372036854775809]',
    );
  });

  it('treats plain JS numbers by integrality and NetDouble as a double', () => {
    expect(writeCompactJson([3, 3.25, -0, new NetDouble(3), 1e21])).toBe('[3,3.25,0,3.0,1000000000000000000000]');
  });

  it('escapes strings per Newtonsoft defaults', () => {
    const text = '"\\/\n\r\t\b\f\u0001\u001f\u007f\u0085\u2028\u2029é😀<>&\'';
    expect(writeCompactJson(text)).toBe(
      '"\\"\\\\/\\n\\r\\t\\b\\f\\u0001\\u001f\u007f\\u0085\\u2028\\u2029é😀<>&\'"',
    );
  });

  it('escapes property names too', () => {
    expect(writeCompactJson({ 'a"b\n': 1 })).toBe('{"a\\"b\\n":1}');
  });

  it('skips undefined, functions and symbols in objects and writes null for them in arrays', () => {
    expect(writeCompactJson({ a: undefined, b: () => 1, c: Symbol('s'), d: 1 })).toBe('{"d":1}');
    expect(writeCompactJson([undefined, () => 1])).toBe('[null,null]');
  });

  it('uses toJSON when present', () => {
    expect(writeCompactJson({ when: new Date(Date.UTC(2020, 0, 2)) })).toBe('{"when":"2020-01-02T00:00:00.000Z"}');
  });
});
