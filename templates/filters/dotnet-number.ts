/**
 * .NET `double.Parse` with invariant culture and `NumberStyles.Float | AllowThousands` (msfc-compat §7.2
 * `to_double`, §7.5 `is_na_n`): surrounding ASCII whitespace, a leading sign, group commas after the first digit,
 * a decimal point, an exponent, and the symbols `Infinity` / `NaN` (case-insensitive).
 */
const NUMBER = /^[\t-\r ]*([+-]?)(?:(\d[\d,]*(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?|(infinity|nan))[\t-\r ]*$/i;

/** The parsed value, or undefined when .NET would reject the text. */
export function parseDotNetDouble(text: string): number | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  if (m[4] !== undefined) {
    if (m[4].toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  return Number(`${m[1]}${m[2].replace(/,/g, '')}${m[3] ?? ''}`);
}
