import { NetDouble } from './values.js';
import { normalizeNewtonsoftDate } from './newtonsoft-date.js';

/** Options of {@link parseLenientJson}. */
export interface LenientJsonOptions {
  /** When set, ISO date-time strings are detected and re-written for this host zone (msfc-compat §9.3). */
  dateTimeZone?: string;
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

/**
 * Newtonsoft-style lenient JSON reader (msfc-compat §2.6): comments, single quotes, unquoted property names, trailing
 * commas; `,,` or a leading `,` in an array yields null; `,,` in an object is an error. Integers are JS integers,
 * other numbers {@link NetDouble}s.
 */
export function parseLenientJson(text: string, options: LenientJsonOptions = {}): unknown {
  const reader = new Reader(text, options.dateTimeZone);
  const value = reader.value();
  reader.skip();
  if (reader.pos < text.length) throw new LenientJsonError('Additional text after the JSON content', reader.pos);
  return value;
}

class Reader {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly zone: string | undefined,
  ) {}

  fail(message: string): never {
    throw new LenientJsonError(message, this.pos);
  }

  skip(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff' || c === '\u00a0') this.pos++;
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

  value(): unknown {
    this.skip();
    const c = this.s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
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
    const m = /^-?\d*(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.pos, this.pos + 400));
    if (!m || m[0] === '' || m[0] === '-') this.fail('Invalid number');
    this.pos += m[0].length;
    const n = Number(m[0]);
    return m[1] === undefined && m[2] === undefined && Number.isSafeInteger(n) ? n : new NetDouble(n);
  }

  private stringValue(): unknown {
    const text = this.string();
    return this.zone === undefined ? text : (normalizeNewtonsoftDate(text, this.zone) ?? text);
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
        const e = s[this.pos + 1];
        if (e === 'u') {
          const hex = s.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid unicode escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
        } else {
          const mapped = ESCAPES[e];
          if (mapped === undefined) this.fail('Bad escape');
          out += mapped;
          this.pos += 2;
        }
        start = this.pos;
      } else this.pos++;
    }
    return this.fail('Unterminated string');
  }

  private propertyName(): string {
    const c = this.s[this.pos];
    if (c === '"' || c === "'") return this.string();
    const m = /^[\p{L}\p{Nd}_$]+/u.exec(this.s.slice(this.pos, this.pos + 1000));
    if (!m) this.fail('Invalid property name');
    this.pos += m[0].length;
    return m[0];
  }

  private object(): Record<string, unknown> {
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
      const value = this.value();
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

  private array(): unknown[] {
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
      result.push(this.value());
      this.skip();
      const next = this.s[this.pos];
      if (next === ',') this.pos++;
      else if (next !== ']') this.fail("Expected ',' or ']'");
    }
  }
}
