import { newtonsoftDateText } from './dotnet-date.js';
import { formatNewtonsoftDouble, quoteNewtonsoftString } from './dotnet-text.js';
import { Drop, KeyValuePair, NetDecimal, NetDouble, SafeList, isMapping } from './values.js';

/**
 * Newtonsoft compact serialization of a value-model value (msfc-compat §9.2). Drops and safe-lists write null;
 * dates write their Newtonsoft text in `timeZone` (§9.3).
 */
export function writeCompactJson(value: unknown, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quoteNewtonsoftString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatNewtonsoftDouble(value);
  if (value instanceof NetDouble || value instanceof NetDecimal) return formatNewtonsoftDouble(value.value);
  if (Array.isArray(value)) return `[${value.map((item) => writeCompactJson(item, timeZone)).join(',')}]`;
  if (value instanceof KeyValuePair) return `{"Key":${quoteNewtonsoftString(value.key)},"Value":${writeCompactJson(value.value, timeZone)}}`;
  if (isMapping(value)) {
    const parts: string[] = [];
    for (const key of Object.keys(value)) parts.push(`${quoteNewtonsoftString(key)}:${writeCompactJson(value[key], timeZone)}`);
    return `{${parts.join(',')}}`;
  }
  if (value instanceof Drop || value instanceof SafeList) return 'null';
  if (value instanceof Date) return quoteNewtonsoftString(newtonsoftDateText(value, timeZone));
  return 'null';
}
