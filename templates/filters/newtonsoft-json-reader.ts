import { NetDouble } from '../runtime/values.js';
import { createArgumentError } from './filter-error.js';
import { detectNewtonsoftDate } from './newtonsoft-date.js';

/**
 * Newtonsoft `JToken.Parse` with default settings, into the template value model (msfc-compat §7.1 `evaluate`,
 * §9.3): ordered mappings (duplicate key → last value wins), lists, ints, doubles (`NetDouble`), strings, booleans,
 * null, and ISO date strings detected as `NetDateTime`. Lenient like Newtonsoft: `//` and `/* *\/` comments,
 * single-quoted strings, `NaN`/`Infinity` literals. Depth is limited to 64; trailing content is an error.
 */

const MAX_DEPTH = 64;
const ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', new NetDouble(NaN)],
  ['Infinity', new NetDouble(Infinity)],
  ['-Infinity', new NetDouble(-Infinity)],
];
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE_CODES = new Set([9, 10, 11, 12, 13, 32, 0xa0, 0xfeff]);
const SLASH = 47;
const PARSED = new Map<string, { timeZone: string; value: unknown }>();
const PARSED_LIMIT = 8;

class JsonReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly filter: string,
    private readonly timeZone: string,
  ) {}

  readDocument(): unknown {
    const value = this.readValue(0);
    this.skipTrivia();
    if (this.pos < this.text.length) throw this.fail('unexpected content after the JSON value');
    return value;
  }

  private fail(problem: string): Error {
    const message = `input is not valid JSON: ${problem} at offset ${this.pos}`;
    return createArgumentError(this.filter, message, 'Pass well-formed JSON text.');
  }

  private skipTrivia(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (WHITESPACE_CODES.has(code)) this.pos += 1;
      else if (code === SLASH && this.text[this.pos + 1] === '/') this.pos = this.indexOrEnd('\n', this.pos);
      else if (code === SLASH && this.text[this.pos + 1] === '*') this.pos = this.indexOrEnd('*/', this.pos + 2) + 2;
      else return;
    }
  }

  private indexOrEnd(needle: string, from: number): number {
    const index = this.text.indexOf(needle, from);
    return index < 0 ? this.text.length : index;
  }

  private readValue(depth: number): unknown {
    this.skipTrivia();
    const ch = this.text[this.pos];
    if (ch === '{' || ch === '[') {
      if (depth >= MAX_DEPTH) throw this.fail(`nesting deeper than ${MAX_DEPTH}`);
      return ch === '{' ? this.readObject(depth + 1) : this.readArray(depth + 1);
    }
    if (ch === '"' || ch === "'") {
      const text = this.readString();
      return detectNewtonsoftDate(text, this.timeZone) ?? text;
    }
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.readNumber();
  }

  private readNumber(): unknown {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) throw this.fail('expected a value');
    this.pos += m[0].length;
    const value = Number(m[0]);
    return m[1] === undefined && m[2] === undefined ? value : new NetDouble(value);
  }

  private readString(): string {
    const quote = this.text[this.pos];
    let out = '';
    this.pos += 1;
    for (;;) {
      const start = this.pos;
      while (this.pos < this.text.length && this.text[this.pos] !== quote && this.text[this.pos] !== '\\') this.pos += 1;
      out += this.text.slice(start, this.pos);
      const ch = this.text[this.pos];
      if (ch === undefined) throw this.fail('unterminated string');
      this.pos += 1;
      if (ch === quote) return out;
      const esc = this.text[this.pos];
      this.pos += 1;
      if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos, this.pos + 4))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else if (ESCAPES[esc] !== undefined) {
        out += ESCAPES[esc];
      } else {
        throw this.fail('bad escape sequence');
      }
    }
  }

  private expect(ch: string): boolean {
    this.skipTrivia();
    if (this.text[this.pos] !== ch) return false;
    this.pos += 1;
    return true;
  }

  private readItems(close: string, readItem: () => void): void {
    this.pos += 1;
    if (this.expect(close)) return;
    for (;;) {
      readItem();
      if (this.expect(close)) return;
      if (!this.expect(',')) throw this.fail(`expected ',' or '${close}'`);
    }
  }

  private readObject(depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.readItems('}', () => {
      this.skipTrivia();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'") throw this.fail('expected a property name');
      const key = this.readString();
      if (!this.expect(':')) throw this.fail("expected ':'");
      const value = this.readValue(depth);
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    });
    return result;
  }

  private readArray(depth: number): unknown[] {
    const result: unknown[] = [];
    this.readItems(']', () => {
      result.push(this.readValue(depth));
    });
    return result;
  }
}

/**
 * Parses JSON text as Newtonsoft's default reader does; throws `render.filter-argument` (naming `filter`) on bad
 * input. The last few documents are cached because templates evaluate many paths against the same text; callers must
 * not mutate the result.
 */
export function readNewtonsoftJson(text: string, filter: string, timeZone: string): unknown {
  const cached = PARSED.get(text);
  if (cached?.timeZone === timeZone) return cached.value;
  const value = new JsonReader(text, filter, timeZone).readDocument();
  if (PARSED.size >= PARSED_LIMIT) PARSED.delete(PARSED.keys().next().value as string);
  PARSED.set(text, { timeZone, value });
  return value;
}
