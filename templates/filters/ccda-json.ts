import { EngineError } from '../../pipelines/contracts/index.js';
import { formatDotNetDouble, formatNewtonsoftDouble, quoteNewtonsoftString } from '../runtime/dotnet-text.js';
import { KeyValuePair, NetDecimal, NetDouble, isMapping } from '../runtime/values.js';

/** A date that knows its Newtonsoft text (the C-CDA model's NetDate); duck-typed so filters never import mappers. */
interface NewtonsoftDate extends Date {
  toNewtonsoftText(timeZone: string): string;
}

function isNewtonsoftDate(value: Date): value is NewtonsoftDate {
  return typeof (value as Partial<NewtonsoftDate>).toNewtonsoftText === 'function';
}

function dateText(value: Date, timeZone: string): string {
  if (isNewtonsoftDate(value)) return value.toNewtonsoftText(timeZone);
  const iso = value.toISOString();
  return iso.replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
}

function decimalText(value: number): string {
  const text = formatDotNetDouble(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/**
 * Compact Newtonsoft serialisation (msfc-compat §7.2 `to_json_string`, §9.2, §9.3): mappings in insertion order,
 * lists, strings, ints, doubles (`2.0`), decimals, booleans, null and dates; no whitespace.
 */
export function toCompactNewtonsoftJson(value: unknown, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quoteNewtonsoftString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatNewtonsoftDouble(value);
  if (value instanceof NetDouble) return formatNewtonsoftDouble(value.value);
  if (value instanceof NetDecimal) return decimalText(value.value);
  if (value instanceof Date) return quoteNewtonsoftString(dateText(value, timeZone));
  if (Array.isArray(value)) return '[' + value.map((v) => toCompactNewtonsoftJson(v, timeZone)).join(',') + ']';
  if (value instanceof KeyValuePair) {
    return `{"Key":${quoteNewtonsoftString(value.key)},"Value":${toCompactNewtonsoftJson(value.value, timeZone)}}`;
  }
  if (isMapping(value)) {
    const parts = Object.keys(value).map((k) => quoteNewtonsoftString(k) + ':' + toCompactNewtonsoftJson(value[k], timeZone));
    return '{' + parts.join(',') + '}';
  }
  throw new EngineError('render.json.unsupported-value', 'Value cannot be serialised to JSON', {
    stage: 'render',
    suggestion: 'Serialise mappings, lists and scalar values only (HL7 drops are not serialisable).',
  });
}
