/** .NET `Char.IsWhiteSpace` set: Zs, Zl, Zp, U+0009–U+000D and U+0085 (no U+FEFF, unlike JS `\s`). */
const WHITESPACE_CLASS = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const BLANK = new RegExp(`^[${WHITESPACE_CLASS}]*$`);
const LEADING = new RegExp(`^[${WHITESPACE_CLASS}]+`);
const TRAILING = new RegExp(`[${WHITESPACE_CLASS}]+$`);

/** .NET `string.IsNullOrWhiteSpace`. */
export function isNullOrWhiteSpace(value: string | null | undefined): boolean {
  return value == null || BLANK.test(value);
}

/** .NET `string.Trim()` (Unicode whitespace). */
export function trimDotNet(value: string): string {
  return value.replace(LEADING, '').replace(TRAILING, '');
}
