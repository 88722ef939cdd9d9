/**
 * Text forms of numbers and strings as .NET and Newtonsoft.Json write them (msfc-compat §9.1, §9.2).
 */

/** .NET shortest round-trip double text: scientific iff exponent S > max(D, 15) or S < -3 (`1E+15`, `1E-05`). */
export function formatDotNetDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exp = value.toExponential();
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (!match) return String(value);
  const [, sign, lead, rest = '', e] = match;
  const digits = lead + rest;
  const d = digits.length;
  const s = Number(e) + 1;
  if (s > Math.max(d, 15) || s < -3) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expNum = s - 1;
    const expText = String(Math.abs(expNum)).padStart(2, '0');
    return `${sign}${mantissa}E${expNum < 0 ? '-' : '+'}${expText}`;
  }
  if (s <= 0) return `${sign}0.${'0'.repeat(-s)}${digits}`;
  if (s >= d) return `${sign}${digits}${'0'.repeat(s - d)}`;
  return `${sign}${digits.slice(0, s)}.${digits.slice(s)}`;
}

/** Newtonsoft double text: the .NET text plus `.0` when it has no `.`, `E` or `e` (`2.0`, `1E+15`). */
export function formatNewtonsoftDouble(value: number): string {
  const text = formatDotNetDouble(value);
  if (!Number.isFinite(value)) return text;
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

const NAMED_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u0085\u2028\u2029]/;
const ESCAPED = /["\\\u0000-\u001f\u0085\u2028\u2029]/g;

/** Newtonsoft string literal (with quotes): named escapes, other controls and U+0085/2028/2029 as lowercase `\u`. */
export function quoteNewtonsoftString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return '"' + value + '"';
  return (
    '"' +
    value.replace(ESCAPED, (ch) => NAMED_ESCAPES[ch] ?? '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')) +
    '"'
  );
}

/** JSON token of a double (msfc-compat §9.2): Newtonsoft text; non-finite values as the strings `"NaN"`, `"Infinity"`. */
export function newtonsoftDoubleToken(value: number): string {
  const text = formatNewtonsoftDouble(value);
  return Number.isFinite(value) ? text : '"' + text + '"';
}

/** JSON token of an integer-valued number: all digits, never exponent notation (`1E+21` → `1000000000000000000000`). */
export function newtonsoftIntegerToken(value: number): string {
  return Number.isSafeInteger(value) ? String(value + 0) : BigInt(value).toString();
}

/** JSON token of a .NET decimal: plain digits, `.0` added when there is no fraction (msfc-compat §9.2). */
export function newtonsoftDecimalToken(value: number): string {
  if (!Number.isFinite(value)) return newtonsoftDoubleToken(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(String(value));
  let text = String(value);
  if (m) {
    const digits = m[2] + (m[3] ?? '');
    const point = 1 + Number(m[4]);
    text = point <= 0 ? `${m[1]}0.${'0'.repeat(-point)}${digits}` : `${m[1]}${digits.padEnd(point, '0')}`;
  }
  return text.includes('.') ? text : `${text}.0`;
}
