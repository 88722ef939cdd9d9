import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenizer.js';
import { applyTrailingHyphens } from './whitespace.js';

describe('applyTrailingHyphens (msfc-compat §6.1 step 1)', () => {
  it('drops the hyphen everywhere and at most one newline or blank run after it', () => {
    expect(applyTrailingHyphens("'-}}\n\nx{{ a -}} \t\ny-%}\r\nz").text).toBe("'}}\nx{{ a }}\ny%}z");
  });
});

describe('tokenize', () => {
  it('skips quoted strings inside tags and keeps the markup after the tag name', () => {
    const tokens = tokenize('a{% assign t = "%}" %}{{ x }}', 'f');
    expect(tokens.map((t) => [t.kind, t.name, t.value])).toEqual([
      ['text', '', 'a'],
      ['tag', 'assign', 't = "%}" '],
      ['output', '', ' x '],
    ]);
  });

  it('tracks lines including newlines removed by the hyphen pass', () => {
    const tokens = tokenize('{{ a -}}\n{{ b }}\n{% c %}', 'f');
    expect(tokens.filter((t) => t.kind !== 'text').map((t) => t.line)).toEqual([1, 2, 3]);
  });

  it('captures raw bodies verbatim and strips a UTF-8 BOM', () => {
    const tokens = tokenize('\ufeff{% raw %}{{ x }}{% if %}{% endraw %}', 'f');
    expect(tokens.map((t) => t.value)).toEqual(['', '{{ x }}{% if %}', '']);
  });

  it('rejects unterminated tags and outputs', () => {
    expect(() => tokenize('{% if x', 'f')).toThrow(/not properly terminated/);
    expect(() => tokenize('{{ x', 'f')).toThrow(/not properly terminated/);
  });
});
