import { Tok } from './tokens.js';

/**
 * Lexer for template output with ANTLR's lexer error recovery (msfc-compat §8.1): tokens are matched longest-first;
 * when no token can be completed, the characters consumed by the failed attempt and the character that broke it are
 * dropped and lexing resumes. Whitespace is space, tab, CR and LF; everything else outside tokens is dropped.
 */

const CLASS_INVALID = 0;
const CLASS_SPACE = 1;
const CLASS_PUNCT = 2;
const CLASS_QUOTE = 3;
const CLASS_NUMBER = 4;
const CLASS_KEYWORD = 5;

const START_CLASS = new Uint8Array(128);
const PUNCT_TOKEN = new Uint8Array(128);
const KEYWORDS: Record<number, { text: string; tok: Tok }> = {
  0x74: { text: 'true', tok: Tok.TRUE },
  0x66: { text: 'false', tok: Tok.FALSE },
  0x6e: { text: 'null', tok: Tok.NULL },
};
const PUNCTUATION: Record<string, Tok> = {
  '{': Tok.LBRACE,
  '}': Tok.RBRACE,
  '[': Tok.LBRACKET,
  ']': Tok.RBRACKET,
  ',': Tok.COMMA,
  ':': Tok.COLON,
};
for (const ch of ' \t\r\n') START_CLASS[ch.charCodeAt(0)] = CLASS_SPACE;
for (const [ch, tok] of Object.entries(PUNCTUATION)) {
  START_CLASS[ch.charCodeAt(0)] = CLASS_PUNCT;
  PUNCT_TOKEN[ch.charCodeAt(0)] = tok;
}
for (const ch of '-0123456789') START_CLASS[ch.charCodeAt(0)] = CLASS_NUMBER;
for (const code of Object.keys(KEYWORDS)) START_CLASS[Number(code)] = CLASS_KEYWORD;
START_CLASS[0x22] = CLASS_QUOTE;

/** Decoded character of each single-letter escape (`\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t`); 0 = not an escape. */
const SIMPLE_ESCAPE = new Uint16Array(128);
for (const [ch, decoded] of Object.entries({ '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' })) {
  SIMPLE_ESCAPE[ch.charCodeAt(0)] = decoded.charCodeAt(0);
}
const ESCAPE_U = 0x75;

/** A run of string characters that need no decision: not a quote, a backslash or a control character. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Pull lexer: call {@link next} until it returns `Tok.EOF`; token details are in the public fields. */
export class LenientLexer {
  /** Offset of the first character of the last token. */
  tokenStart = 0;
  /** Decoded value of the last STRING token, or the text of the last NUMBER token. */
  tokenText = '';
  /** Whether the last NUMBER token has neither a fraction nor an exponent. */
  tokenIsInteger = false;
  private pos = 0;
  private readonly src: string;
  private readonly len: number;

  constructor(src: string) {
    this.src = src;
    this.len = src.length;
  }

  /** Next token; characters that form no token are skipped (msfc-compat §8.1). */
  next(): Tok {
    const src = this.src;
    while (this.pos < this.len) {
      const start = this.pos;
      const code = src.charCodeAt(start);
      const cls = code < 128 ? START_CLASS[code] : CLASS_INVALID;
      this.tokenStart = start;
      if (cls === CLASS_PUNCT) {
        this.pos = start + 1;
        return PUNCT_TOKEN[code] as Tok;
      }
      if (cls === CLASS_SPACE) this.pos = start + 1;
      else if (cls === CLASS_QUOTE) {
        if (this.scanString(start)) return Tok.STRING;
      } else if (cls === CLASS_NUMBER) {
        if (this.scanNumber(start)) return Tok.NUMBER;
      } else if (cls === CLASS_KEYWORD) {
        const tok = this.scanKeyword(start, KEYWORDS[code]);
        if (tok !== Tok.EOF) return tok;
      } else this.pos = start + 1;
    }
    this.tokenStart = this.len;
    return Tok.EOF;
  }

  /** Drops the failed attempt: everything up to `breakAt` plus the breaking character itself (if not EOF). */
  private discardThrough(breakAt: number): false {
    this.pos = breakAt < this.len ? breakAt + 1 : this.len;
    return false;
  }

  private failEscape(breakAt: number): -1 {
    this.discardThrough(breakAt);
    return -1;
  }

  private scanKeyword(start: number, keyword: { text: string; tok: Tok }): Tok {
    const text = keyword.text;
    for (let i = 1; i < text.length; i++) {
      if (this.src.charCodeAt(start + i) !== text.charCodeAt(i)) {
        this.discardThrough(start + i);
        return Tok.EOF;
      }
    }
    this.pos = start + text.length;
    return keyword.tok;
  }

  private scanNumber(start: number): boolean {
    const src = this.src;
    let p = start;
    if (src.charCodeAt(p) === 0x2d) p++;
    const first = src.charCodeAt(p);
    if (first === 0x30) p++;
    else if (isDigit(first)) while (isDigit(src.charCodeAt(++p)));
    else return this.discardThrough(p);
    let accept = p;
    let isInteger = true;
    if (src.charCodeAt(p) === 0x2e && isDigit(src.charCodeAt(p + 1))) {
      p += 2;
      while (isDigit(src.charCodeAt(p))) p++;
      accept = p;
      isInteger = false;
    }
    if ((src.charCodeAt(p) | 0x20) === 0x65) {
      accept = this.scanExponent(p + 1, accept);
      if (accept !== p) isInteger = false;
    }
    this.pos = accept;
    this.tokenText = src.slice(start, accept);
    this.tokenIsInteger = isInteger;
    return true;
  }

  /** End of a complete exponent starting after `e`, or `fallback` when the exponent is incomplete. */
  private scanExponent(from: number, fallback: number): number {
    const src = this.src;
    let p = from;
    const sign = src.charCodeAt(p);
    if (sign === 0x2b || sign === 0x2d) p++;
    const first = src.charCodeAt(p);
    if (first === 0x30) return p + 1;
    if (!isDigit(first)) return fallback;
    while (isDigit(src.charCodeAt(++p)));
    return p;
  }

  private scanString(start: number): boolean {
    const src = this.src;
    const len = this.len;
    let p = start + 1;
    let chunkStart = p;
    let parts: string[] | undefined;
    for (;;) {
      if (p < len) {
        PLAIN_RUN.lastIndex = p;
        PLAIN_RUN.test(src);
        p = PLAIN_RUN.lastIndex;
      }
      if (p >= len) return this.discardThrough(p);
      const code = src.charCodeAt(p);
      if (code === 0x22) break;
      if (code < 0x20) return this.discardThrough(p);
      const decoded = this.decodeEscape(p);
      if (decoded < 0) return false;
      (parts ??= []).push(src.slice(chunkStart, p), String.fromCharCode(decoded));
      p += src.charCodeAt(p + 1) === ESCAPE_U ? 6 : 2;
      chunkStart = p;
    }
    const tail = src.slice(chunkStart, p);
    this.tokenText = parts === undefined ? tail : parts.join('') + tail;
    this.pos = p + 1;
    return true;
  }

  /** UTF-16 code of the escape at `at` (the backslash), or -1 after discarding a malformed escape. */
  private decodeEscape(at: number): number {
    const letter = this.src.charCodeAt(at + 1);
    if (letter === ESCAPE_U) {
      let value = 0;
      for (let i = 2; i < 6; i++) {
        const digit = hexValue(this.src.charCodeAt(at + i));
        if (digit < 0) return this.failEscape(at + i);
        value = value * 16 + digit;
      }
      return value;
    }
    const simple = letter < 128 ? SIMPLE_ESCAPE[letter] : 0;
    if (simple === 0) return this.failEscape(at + 1);
    return simple;
  }
}
