import { liquidDateText } from './dotnet-date.js';
import { formatDotNetDouble } from './dotnet-text.js';
import { Drop, KeyValuePair, NetDecimal, NetDouble, SafeList, isMapping } from './values.js';

/** .NET decimal text: plain digits, trailing fraction zeros removed, never an exponent (msfc-compat §6.5). */
export function formatDecimal(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value === 0 ? 0 : value);
  const text = formatDotNetDouble(value);
  const match = /^(-?)(\d)(?:\.(\d+))?E([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, rest = '', e] = match;
  const digits = lead + rest;
  const point = Number(e) + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Text of a number in the value model: integers plain, doubles per §9.1, decimals per §6.5. */
export function formatNumber(value: number | NetDouble | NetDecimal): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatDotNetDouble(value);
  return value instanceof NetDecimal ? formatDecimal(value.value) : formatDotNetDouble(value.value);
}

/**
 * .NET `ToString()` of a value nested in an enumerable or a key/value pair (msfc-compat §6.5). Dates print in
 * `timeZone` (the host zone, default UTC).
 */
export function netDefaultText(value: unknown, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || value instanceof NetDouble || value instanceof NetDecimal) return formatNumber(value);
  if (value instanceof KeyValuePair) return `[${value.key}, ${netDefaultText(value.value, timeZone)}]`;
  if (Array.isArray(value)) return 'System.Collections.Generic.List`1[System.Object]';
  if (isMapping(value)) return 'System.Collections.Generic.Dictionary`2[System.String,System.Object]';
  if (value instanceof Date) return liquidDateText(value, timeZone);
  return '';
}

/** Text printed by `{{ value }}` (msfc-compat §6.5); dates print as `MM/dd/yyyy HH:mm:ss` in `timeZone`. */
export function toOutputText(value: unknown, timeZone = 'UTC'): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatDotNetDouble(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof NetDouble || value instanceof NetDecimal) return formatNumber(value);
  if (value instanceof Drop || value instanceof SafeList) return '';
  if (value instanceof KeyValuePair) return netDefaultText(value, timeZone);
  if (Array.isArray(value)) {
    let text = '';
    for (const item of value) text += netDefaultText(item, timeZone);
    return text;
  }
  if (isMapping(value)) {
    let text = '';
    for (const key of Object.keys(value)) text += `[${key}, ${netDefaultText(value[key], timeZone)}]`;
    return text;
  }
  if (value instanceof Date) return liquidDateText(value, timeZone);
  return '';
}
