import { describe, it, expect } from 'vitest';
import { DEFAULT_DELIMITERS } from './delimiters.js';
import { escapeHl7, normalizeValue, protectJson, unescapeHl7, unprotectJson } from './escape.js';

const D = DEFAULT_DELIMITERS;

describe('unescapeHl7 (msfc-compat §3.2 step 1)', () => {
  it.each([
    ['a\\F\\b', 'a|b'],
    ['a\\S\\b', 'a^b'],
    ['a\\T\\b', 'a&b'],
    ['a\\R\\b', 'a~b'],
    ['a\\E\\b', 'a\\b'],
    ['x\\.br\\y', 'x\\ny'],
    ['\\X41\\', 'A'],
    ['\\X0D0A\\', '\r\n'],
    ['\\XE9\\', '\u00e9'],
    ['\\Xc3a9\\', '\\Xc3a9\\'],
    ['\\H\\bold\\N\\', '\\H\\bold\\N\\'],
    ['\\Zabc\\', '\\Zabc\\'],
    ['\\X\\', '\\X\\'],
    ['\\XZZ\\', '\\XZZ\\'],
    ['lone \\ backslash', 'lone \\ backslash'],
    ['\\E\\F\\', '\\F\\'],
    ['\\H\\F\\', '\\H\\F\\'],
    ['\\X0D\\\\X0A\\', '\r\n'],
    ['plain', 'plain'],
  ])('%j → %j', (raw, expected) => {
    expect(unescapeHl7(raw, D)).toBe(expected);
  });
  it('odd hex digit count → parse.hl7.bad-escape with the column', () => {
    expect(() => unescapeHl7('ab\\X4\\', D, { line: 3, col: 10 })).toThrow(
      expect.objectContaining({ code: 'parse.hl7.bad-escape', stage: 'parse', location: { line: 3, col: 12 } }),
    );
  });
  it('uses the message delimiters', () => {
    expect(unescapeHl7('\\F\\\\S\\', { ...D, field: '#', component: '*' })).toBe('#*');
  });
});

describe('JSON protection (msfc-compat §3.2 step 2)', () => {
  it('prefixes backslash and quote only', () => {
    expect(protectJson('a\\b"c\td')).toBe('a\\\\b\\"c\td');
    expect(unprotectJson('a\\\\b\\"c')).toBe('a\\b"c');
  });
  it('normalizeValue matches the spec example A\\T\\B\\E\\C → A&B\\\\C', () => {
    const v = normalizeValue('A\\T\\B\\E\\C', D);
    expect(v).toBe('A&B\\\\C');
    expect(v).toHaveLength(6);
    expect(JSON.parse(`"${v}"`)).toBe('A&B\\C');
  });
  it('quotes are protected even without escapes', () => {
    expect(normalizeValue('say "hi"', D)).toBe('say \\"hi\\"');
  });
});

describe('escapeHl7', () => {
  it('escapes delimiters, escape char, CR and LF', () => {
    expect(escapeHl7('a|b^c&d~e\\f\rg\nh', D)).toBe('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X0D\\g\\X0A\\h');
  });
  it('round-trips through unescapeHl7', () => {
    const text = 'O|Brien ^ & ~ \\ \r\n "q" \u00e9\u4e2d';
    expect(unescapeHl7(escapeHl7(text, D), D)).toBe(text);
  });
});
