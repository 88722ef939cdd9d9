import { NetDateTime } from '../runtime/dotnet-date.js';
import { offsetAtWallTime } from '../runtime/time-zone.js';
import type { WallFields } from '../runtime/wall-time.js';
import { MS_PER_MINUTE, wallToFields } from '../runtime/wall-time.js';
import { createArgumentError } from './filter-error.js';

/**
 * .NET custom and standard date-time format strings for a `DateTime` under the invariant culture (msfc-compat §6.9,
 * §7.3 `now`). Supported: d…dddd, f/F (1–7), g, h, H, K, m, M…MMMM, s, t, y…yyyyy, z…zzz, `:` `/`, quoted literals,
 * `%c`, `\c`; one-character strings are the standard formats (d D f F g G m M o O r R s t T u U y Y).
 */

type FormatToken = { field: string; count: number } | { literal: string };

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const STANDARD_FORMATS: Record<string, string> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, dd MMMM yyyy HH:mm:ss',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};
const FIELD_CHARS = new Set(['d', 'f', 'F', 'g', 'h', 'H', 'K', 'm', 'M', 's', 't', 'y', 'z']);
const COMPILED = new Map<string, FormatToken[]>();
const COMPILED_LIMIT = 256;

interface FormatState {
  fields: WallFields;
  offset: () => number;
  kind: NetDateTime['kind'];
}

type FieldWriter = (count: number, state: FormatState, out: string) => string;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function formatOffset(minutes: number, count: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  if (count === 1) return `${sign}${hours}`;
  if (count === 2) return `${sign}${pad(hours, 2)}`;
  return `${sign}${pad(hours, 2)}:${pad(abs % 60, 2)}`;
}

const nameText = (name: string, count: number): string => (count === 3 ? name.slice(0, 3) : name);

function writeFraction(count: number, tick: number, trim: boolean, out: string): string {
  if (count > 7) throw formatError();
  const digits = pad(tick, 7).slice(0, count);
  if (!trim) return out + digits;
  const trimmed = digits.replace(/0+$/, '');
  if (trimmed === '' && out.endsWith('.')) return out.slice(0, -1);
  return out + trimmed;
}

const FIELD_WRITERS: Record<string, FieldWriter> = {
  d: (n, { fields }, out) => out + (n <= 2 ? pad(fields.day, n) : nameText(DAY_NAMES[fields.dayOfWeek], n)),
  f: (n, { fields }, out) => writeFraction(n, fields.tick, false, out),
  F: (n, { fields }, out) => writeFraction(n, fields.tick, true, out),
  g: (_n, _s, out) => out + 'A.D.',
  h: (n, { fields }, out) => out + pad(fields.hour % 12 === 0 ? 12 : fields.hour % 12, Math.min(n, 2)),
  H: (n, { fields }, out) => out + pad(fields.hour, Math.min(n, 2)),
  K: (_n, state, out) =>
    out + (state.kind === 'utc' ? 'Z' : state.kind === 'local' ? formatOffset(state.offset(), 3) : ''),
  m: (n, { fields }, out) => out + pad(fields.minute, Math.min(n, 2)),
  M: (n, { fields }, out) => out + (n <= 2 ? pad(fields.month, n) : nameText(MONTH_NAMES[fields.month - 1], n)),
  s: (n, { fields }, out) => out + pad(fields.second, Math.min(n, 2)),
  t: (n, { fields }, out) => out + (fields.hour < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2),
  y: (n, { fields }, out) => out + (n <= 2 ? pad(fields.year % 100, n) : pad(fields.year, n)),
  z: (n, state, out) => out + formatOffset(state.kind === 'utc' ? 0 : state.offset(), Math.min(n, 3)),
};

function formatError(): Error {
  return createArgumentError(
    'date',
    'the .NET date format string is malformed',
    'Use .NET custom date format specifiers (yyyy, MM, dd, HH, mm, ss, fff, K) and close every quoted literal.',
  );
}

function readQuoted(format: string, start: number): { text: string; end: number } {
  const quote = format[start];
  let text = '';
  let i = start + 1;
  while (i < format.length && format[i] !== quote) {
    if (format[i] === '\\') i += 1;
    if (i >= format.length) throw formatError();
    text += format[i];
    i += 1;
  }
  if (i >= format.length) throw formatError();
  return { text, end: i + 1 };
}

function runLength(format: string, start: number): number {
  let end = start;
  while (format[end] === format[start]) end += 1;
  return end - start;
}

function tokenizeCustom(format: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === "'" || ch === '"') {
      const { text, end } = readQuoted(format, i);
      tokens.push({ literal: text });
      i = end;
    } else if (ch === '%' || ch === '\\') {
      const next = format[i + 1];
      if (next === undefined || (ch === '%' && next === '%')) throw formatError();
      tokens.push(ch === '%' && FIELD_CHARS.has(next) ? { field: next, count: 1 } : { literal: next });
      i += 2;
    } else if (FIELD_CHARS.has(ch)) {
      const count = ch === 'K' ? 1 : runLength(format, i);
      tokens.push({ field: ch, count });
      i += count;
    } else {
      tokens.push({ literal: ch });
      i += 1;
    }
  }
  return tokens;
}

function compileFormat(format: string): FormatToken[] {
  const cached = COMPILED.get(format);
  if (cached) return cached;
  let pattern = format;
  if (format.length === 1) {
    pattern = STANDARD_FORMATS[format];
    if (pattern === undefined) throw formatError();
  }
  const tokens = tokenizeCustom(pattern);
  if (COMPILED.size >= COMPILED_LIMIT) COMPILED.clear();
  COMPILED.set(format, tokens);
  return tokens;
}

function toUniversal(value: NetDateTime, timeZone: string): NetDateTime {
  if (value.kind === 'utc') return value;
  const wallMs = value.wallIn(timeZone) - value.offsetIn(timeZone) * MS_PER_MINUTE;
  return new NetDateTime(wallMs, value.subTicks, 'utc');
}

/**
 * Formats a .NET `DateTime` with a .NET format string (invariant culture). `timeZone` is the host zone used by
 * `K`/`z` for local and unspecified kinds. Throws `render.filter-argument` for malformed formats.
 */
export function formatDotNetDate(value: NetDateTime, format: string, timeZone: string): string {
  const tokens = compileFormat(format);
  const source = format === 'U' ? toUniversal(value, timeZone) : value;
  let offsetCache: number | undefined;
  const state: FormatState = {
    fields: wallToFields(source.wallIn(timeZone), source.subTicks),
    kind: source.kind,
    offset: () => (offsetCache ??= source.kind === 'utc' ? offsetAtWallTime(timeZone, source.wallIn(timeZone)) : source.offsetIn(timeZone)),
  };
  let out = '';
  for (const token of tokens) {
    out = 'literal' in token ? out + token.literal : FIELD_WRITERS[token.field](token.count, state, out);
  }
  return out;
}
