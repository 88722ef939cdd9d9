import { describe, expect, it } from 'vitest';
import { LenientLexer } from './lenient-lexer.js';
import { Tok } from './tokens.js';

const NAMES: Record<Tok, string> = {
  [Tok.EOF]: 'EOF',
  [Tok.LBRACE]: '{',
  [Tok.RBRACE]: '}',
  [Tok.LBRACKET]: '[',
  [Tok.RBRACKET]: ']',
  [Tok.COMMA]: ',',
  [Tok.COLON]: ':',
  [Tok.STRING]: 'S',
  [Tok.NUMBER]: 'N',
  [Tok.TRUE]: 'true',
  [Tok.FALSE]: 'false',
  [Tok.NULL]: 'null',
};

function tokens(src: string): string[] {
  const lexer = new LenientLexer(src);
  const out: string[] = [];
  for (let tok = lexer.next(); tok !== Tok.EOF; tok = lexer.next()) {
    if (tok === Tok.STRING) out.push(`S(${lexer.tokenText})`);
    else if (tok === Tok.NUMBER) out.push(`${lexer.tokenIsInteger ? 'I' : 'F'}(${lexer.tokenText})`);
    else out.push(NAMES[tok]);
  }
  return out;
}

describe('lenient lexer: tokens (msfc-compat §8.1)', () => {
  it('lexes punctuation, keywords and skips the four whitespace characters', () => {
    expect(tokens(' {\t}\r[\n],: true false null')).toEqual(['{', '}', '[', ']', ',', ':', 'true', 'false', 'null']);
  });

  it('decodes every escape of a STRING', () => {
    expect(tokens('"a\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9\\u00C9"')).toEqual([
      'S(a"b\\c/d\be\ff\ng\rh\ti\u00e9\u00c9)',
    ]);
  });

  it('keeps non-ASCII, DEL and surrogates inside strings', () => {
    expect(tokens('"é\u007f😀\u2028"')).toEqual(['S(é\u007f😀\u2028)']);
    expect(tokens('"\\ud83d\\ude00"')).toEqual(['S(😀)']);
  });

  it('lexes the NUMBER grammar and tells integers from doubles', () => {
    expect(tokens('0 -0 12 -3.25 1e5 1E+2 2.5e-3 1.0')).toEqual([
      'I(0)',
      'I(-0)',
      'I(12)',
      'F(-3.25)',
      'F(1e5)',
      'F(1E+2)',
      'F(2.5e-3)',
      'F(1.0)',
    ]);
  });

  it('splits numbers the grammar cannot continue (leading zeros, zero-led exponents)', () => {
    expect(tokens('01')).toEqual(['I(0)', 'I(1)']);
    expect(tokens('1e05')).toEqual(['F(1e0)', 'I(5)']);
    expect(tokens('-00')).toEqual(['I(-0)', 'I(0)']);
  });
});

describe('lenient lexer: ANTLR error recovery (msfc-compat §8.1)', () => {
  it('drops stray letters one by one', () => {
    expect(tokens('{abc}')).toEqual(['{', '}']);
  });

  it('drops a partial keyword together with the character that broke it', () => {
    expect(tokens('tru}')).toEqual([]);
    expect(tokens('[tru}]')).toEqual(['[', ']']);
    expect(tokens('[nul,1]')).toEqual(['[', 'I(1)', ']']);
    expect(tokens('[fals"x"]')).toEqual(['[']);
  });

  it('keeps a complete keyword and drops what follows it separately', () => {
    expect(tokens('nulll,truex')).toEqual(['null', ',', 'true']);
  });

  it('lets an unterminated string swallow everything up to the first illegal character', () => {
    expect(tokens('{"a": "x\n", "b": 1}')).toEqual(['{', 'S(a)', ':', 'S(, )']);
  });

  it('drops an unterminated string at the end of the input', () => {
    expect(tokens('[1, "abc')).toEqual(['[', 'I(1)', ',']);
  });

  it('drops a malformed escape with the character after the backslash', () => {
    expect(tokens('"a\\x" 1 "')).toEqual(['S( 1 )']);
    expect(tokens('["a\\xb", 2]')).toEqual(['[']);
    expect(tokens('"\\u12G4" 7')).toEqual(['I(4)']);
  });

  it('falls back to the longest complete number, leaving the rest to be re-lexed', () => {
    expect(tokens('[1.]')).toEqual(['[', 'I(1)', ']']);
    expect(tokens('[1e]')).toEqual(['[', 'I(1)', ']']);
    expect(tokens('[1.5e+]')).toEqual(['[', 'F(1.5)', ']']);
    expect(tokens('[1.e5]')).toEqual(['[', 'I(1)', 'I(5)', ']']);
  });

  it('drops a lone minus with its breaking character', () => {
    expect(tokens('[-]')).toEqual(['[']);
    expect(tokens('[-.5]')).toEqual(['[', 'I(5)', ']']);
    expect(tokens('[+1]')).toEqual(['[', 'I(1)', ']']);
  });

  it('drops BOM, NBSP, form feed and other non-JSON whitespace', () => {
    expect(tokens('\ufeff{\u00a0"a"\f:\u2003 1\u000b}')).toEqual(['{', 'S(a)', ':', 'I(1)', '}']);
  });

  it('drops control characters outside strings', () => {
    expect(tokens('[\u0000 1 \u0001]')).toEqual(['[', 'I(1)', ']']);
  });

  it('reports the start offset of each token', () => {
    const lexer = new LenientLexer('  {x"a"');
    expect(lexer.next()).toBe(Tok.LBRACE);
    expect(lexer.tokenStart).toBe(2);
    expect(lexer.next()).toBe(Tok.STRING);
    expect(lexer.tokenStart).toBe(4);
    expect(lexer.next()).toBe(Tok.EOF);
    expect(lexer.tokenStart).toBe(7);
  });
});
