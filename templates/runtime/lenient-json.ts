import { NetDouble } from './values.js';
import { normalizeNewtonsoftDate } from './dotnet-date.js';

/** Options of {@link parseLenientJson}. */
export interface LenientJsonOptions {
  /** When set, ISO date-time strings are detected and re-written as text for this host zone (msfc-compat §2.6, §9.3). */
  dateTimeZone?: string;
  /** Turns a string value into a date value, or returns undefined to keep the string (msfc-compat §7.1, §9.3). */
  reviveDate?: (text: string) => unknown;
  /** Deepest allowed nesting of objects and arrays; unlimited when absent. */
  maxDepth?: number;
  /** Accept only quoted property names (the `evaluate`/`get_object` filters' rule). */
  quotedNamesOnly?: boolean;
}

/** Failure of the lenient reader; `position` is the 0-based character offset. */
export class LenientJsonError extends Error {
  override readonly name = 'LenientJsonError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
  }
}

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', null],
  ['NaN', new NetDouble(NaN)],
  ['Infinity', new NetDouble(Infinity)],
  ['-Infinity', new NetDouble(-Infinity)],
];
const NUMBER = /-?\d*(\.\d+)?([eE][+-]?\d+)?/y;
const NAME = /[\p{L}\p{Nd}_$]+/uy;
const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f', '\ufeff', '\u00a0']);

/**
 * The Newtonsoft reader with default settings, lenient as Newtonsoft is (msfc-compat §2.6, §7.1, §9.3): comments,
 * single quotes, unquoted property names, trailing commas; `,,` or a leading `,` in an array yields null; `,,` in an
 * object is an error; duplicate keys keep the first position and the last value. Integers are JS integers, other
 * numbers {@link NetDouble}s.
 */
export function parseLenientJson(text: string, options: LenientJsonOptions = {}): unknown {
  const reader = new Reader(text, options);
  const value = reader.value(0);
  reader.skip();
  if (reader.pos < text.length) throw new LenientJsonError('Additional text after the JSON content', reader.pos);
  return value;
}

function dateReviver(options: LenientJsonOptions): ((text: string) => unknown) | undefined {
  const zone = options.dateTimeZone;
  return options.reviveDate ?? (zone === undefined ? undefined : (text): unknown => normalizeNewtonsoftDate(text, zone));
}

class Reader {
  pos = 0;
  private readonly revive: ((text: string) => unknown) | undefined;
  private readonly maxDepth: number;

  constructor(
    private readonly s: string,
    private readonly options: LenientJsonOptions,
  ) {
    this.revive = dateReviver(options);
    this.maxDepth = options.maxDepth ?? Infinity;
  }

  fail(message: string): never {
    throw new LenientJsonError(message, this.pos);
  }

  skip(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === '/' && s[this.pos + 1] === '/') {
        const end = s.indexOf('\n', this.pos);
        this.pos = end < 0 ? s.length : end + 1;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('Unterminated comment');
        this.pos = end + 2;
      } else break;
    }
  }

  value(depth: number): unknown {
    this.skip();
    const c = this.s[this.pos];
    if (c === '{' || c === '[') {
      if (depth >= this.maxDepth) this.fail(`Nesting deeper than ${this.maxDepth}`);
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"' || c === "'") return this.stringValue();
    if (c === '-' || (c >= '0' && c <= '9') || c === '.') {
      if (this.s.startsWith('-Infinity', this.pos)) return this.literal();
      return this.number();
    }
    return this.literal();
  }

  private literal(): unknown {
    for (const [word, value] of LITERALS) {
      if (this.s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail('Unexpected character');
  }

  private number(): unknown {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.s);
    if (!m || m[0] === '' || m[0] === '-') this.fail('Invalid number');
    this.pos += m[0].length;
    const n = Number(m[0]);
    return m[1] === undefined && m[2] === undefined && Number.isSafeInteger(n) ? n : new NetDouble(n);
  }

  private stringValue(): unknown {
    const text = this.string();
    return this.revive === undefined ? text : (this.revive(text) ?? text);
  }

  string(): string {
    const s = this.s;
    const quote = s[this.pos++];
    let out = '';
    let start = this.pos;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === quote) {
        out += s.slice(start, this.pos++);
        return out;
      }
      if (c === '\\') {
        out += s.slice(start, this.pos);
        out += this.escape(s[this.pos + 1]);
        start = this.pos;
      } else this.pos++;
    }
    return this.fail('Unterminated string');
  }

  private escape(e: string | undefined): string {
    if (e === 'u') {
      const hex = this.s.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid unicode escape');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const mapped = e === undefined ? undefined : ESCAPES[e];
    if (mapped === undefined) this.fail('Bad escape');
    this.pos += 2;
    return mapped;
  }

  private propertyName(): string {
    const c = this.s[this.pos];
    if (c === '"' || c === "'") return this.string();
    if (this.options.quotedNamesOnly === true) this.fail('Expected a quoted property name');
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) this.fail('Invalid property name');
    this.pos += m[0].length;
    return m[0];
  }

  private object(depth: number): Record<string, unknown> {
    this.pos++;
    const result: Record<string, unknown> = {};
    this.skip();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skip();
      const key = this.propertyName();
      this.skip();
      if (this.s[this.pos] !== ':') this.fail("Expected ':'");
      this.pos++;
      const value = this.value(depth);
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
      this.skip();
      const c = this.s[this.pos++];
      if (c === '}') return result;
      if (c !== ',') this.fail("Expected ',' or '}'");
      this.skip();
      if (this.s[this.pos] === '}') {
        this.pos++;
        return result;
      }
      if (this.s[this.pos] === ',') this.fail('Unexpected comma');
    }
  }

  private array(depth: number): unknown[] {
    this.pos++;
    const result: unknown[] = [];
    for (;;) {
      this.skip();
      const c = this.s[this.pos];
      if (c === undefined) this.fail('Unterminated array');
      if (c === ']') {
        this.pos++;
        return result;
      }
      if (c === ',') {
        result.push(null);
        this.pos++;
        continue;
      }
      result.push(this.value(depth));
      this.skip();
      const next = this.s[this.pos];
      if (next === ',') this.pos++;
      else if (next !== ']') this.fail("Expected ',' or ']'");
    }
  }
}
