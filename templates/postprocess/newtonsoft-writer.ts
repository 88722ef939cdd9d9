import { newtonsoftDoubleToken, newtonsoftIntegerToken, quoteNewtonsoftString } from '../runtime/dotnet-text.js';
import { NetDouble } from '../runtime/values.js';

/**
 * Newtonsoft JSON text of a post-processing tree or of a plain JS value (msfc-compat §8.5, §9.2).
 *
 * Integers print plainly; {@link NetDouble} and non-integer JS numbers print as doubles (`2.0`,
 * `1E+15`; non-finite doubles as the quoted strings `"NaN"`/`"Infinity"`, Newtonsoft's default float handling).
 * `Map`s and plain objects print in insertion order; `undefined`, functions and symbols are skipped in objects and
 * written as `null` in arrays; objects with `toJSON` print its result.
 */

const NEWLINE_INDENTS: string[] = [];

function newlineIndent(level: number): string {
  return (NEWLINE_INDENTS[level] ??= '\n' + '  '.repeat(level));
}

/** Indented (2 spaces, `": "`, LF) JSON text. */
export function writeIndentedJson(value: unknown): string {
  const out: string[] = [];
  new NewtonsoftWriter(out, true).write(value, 0);
  return out.join('');
}

/** Compact JSON text (no whitespace at all). */
export function writeCompactJson(value: unknown): string {
  const out: string[] = [];
  new NewtonsoftWriter(out, false).write(value, 0);
  return out.join('');
}

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

class NewtonsoftWriter {
  constructor(
    private readonly out: string[],
    private readonly indented: boolean,
  ) {}

  write(value: unknown, level: number): void {
    const scalar = this.scalarText(value);
    if (scalar !== undefined) this.out.push(scalar);
    else if (value instanceof Map) this.writeObject(value.entries(), level);
    else if (Array.isArray(value)) this.writeArray(value, level);
    else if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      this.write((value as { toJSON(): unknown }).toJSON(), level);
    } else this.writeObject(Object.entries(value as object), level);
  }

  private scalarText(value: unknown): string | undefined {
    if (typeof value === 'string') return quoteNewtonsoftString(value);
    if (typeof value === 'number') return Number.isInteger(value) ? newtonsoftIntegerToken(value) : newtonsoftDoubleToken(value);
    if (value === null || isSkipped(value)) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof NetDouble) return newtonsoftDoubleToken(value.value);
    return undefined;
  }

  private writeObject(entries: Iterable<[string, unknown]>, level: number): void {
    const out = this.out;
    const separator = this.indented ? newlineIndent(level + 1) : '';
    const colon = this.indented ? ': ' : ':';
    let count = 0;
    out.push('{');
    for (const [key, item] of entries) {
      if (isSkipped(item)) continue;
      out.push((count++ > 0 ? ',' : '') + separator + quoteNewtonsoftString(key) + colon);
      this.write(item, level + 1);
    }
    if (count > 0 && this.indented) out.push(newlineIndent(level));
    out.push('}');
  }

  private writeArray(items: readonly unknown[], level: number): void {
    const out = this.out;
    const separator = this.indented ? newlineIndent(level + 1) : '';
    out.push('[');
    for (let i = 0; i < items.length; i++) {
      out.push(i > 0 ? ',' + separator : separator);
      this.write(items[i], level + 1);
    }
    if (items.length > 0 && this.indented) out.push(newlineIndent(level));
    out.push(']');
  }
}
