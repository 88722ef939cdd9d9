import { formatNewtonsoftDouble, quoteNewtonsoftString } from '../runtime/dotnet-text.js';
import { Drop, isMapping, KeyValuePair, NetDecimal, NetDouble, SafeList } from '../runtime/values.js';
import { createArgumentError } from './filter-error.js';
import { newtonsoftDateText } from '../runtime/dotnet-date.js';

/**
 * Newtonsoft.Json serialisation of the template value model (msfc-compat §9.2): mappings in insertion order, lists,
 * strings escaped per §9.2, ints plain, doubles with `.0`, decimals as plain digits with `.0`, booleans, null,
 * dates per §9.3, key/value pairs as `{"Key":…,"Value":…}`. Non-finite doubles are written as strings (`"NaN"`),
 * Newtonsoft's default FloatFormatHandling. Drops cannot be serialised.
 */

export interface NewtonsoftWriteOptions {
  /** Indented output (2 spaces, `": "`, `\n` newlines) instead of compact. */
  indented: boolean;
  /** Host zone for local-kind dates. */
  timeZone: string;
}

const MAX_DEPTH = 64;
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u0085\u2028\u2029]/;

const quote = (text: string): string => (NEEDS_ESCAPE.test(text) ? quoteNewtonsoftString(text) : `"${text}"`);

function plainDecimalText(value: number): string {
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const digits = m[2] + (m[3] ?? '');
  const point = 1 + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  return `${m[1]}${digits.padEnd(point, '0')}`;
}

function writeNumber(value: number, isDouble: boolean): string {
  if (!Number.isFinite(value)) return `"${formatNewtonsoftDouble(value)}"`;
  if (!isDouble && Number.isInteger(value)) return plainDecimalText(value);
  return formatNewtonsoftDouble(value);
}

function writeDecimal(value: number): string {
  const text = plainDecimalText(value);
  return text.includes('.') ? text : `${text}.0`;
}

type ScalarWriter = (value: unknown, options: NewtonsoftWriteOptions) => string | undefined;

const SCALAR_WRITERS: ScalarWriter[] = [
  (value) => (value == null ? 'null' : undefined),
  (value) => (typeof value === 'string' ? quote(value) : undefined),
  (value) => (typeof value === 'boolean' ? String(value) : undefined),
  (value) => (typeof value === 'number' ? writeNumber(value, false) : undefined),
  (value) => (value instanceof NetDouble ? writeNumber(value.value, true) : undefined),
  (value) => (value instanceof NetDecimal ? writeDecimal(value.value) : undefined),
  (value, o) => (value instanceof Date ? `"${newtonsoftDateText(value, o.timeZone)}"` : undefined),
];

function writeContainer(open: string, close: string, items: string[], depth: number, indented: boolean): string {
  if (items.length === 0) return open + close;
  if (!indented) return open + items.join(',') + close;
  const inner = '\n' + '  '.repeat(depth + 1);
  return open + inner + items.join(',' + inner) + '\n' + '  '.repeat(depth) + close;
}

function writeValue(value: unknown, options: NewtonsoftWriteOptions, depth: number): string {
  for (const writer of SCALAR_WRITERS) {
    const text = writer(value, options);
    if (text !== undefined) return text;
  }
  if (depth >= MAX_DEPTH) {
    const message = `value nests deeper than ${MAX_DEPTH} levels`;
    throw createArgumentError('to_json_string', message, 'Serialise a smaller part of the data.');
  }
  const separator = options.indented ? ': ' : ':';
  const pair = (key: string, item: unknown): string =>
    quote(key) + separator + writeValue(item, options, depth + 1);
  if (Array.isArray(value) || value instanceof SafeList) {
    const items = [...(value as Iterable<unknown>)].map((item) => writeValue(item, options, depth + 1));
    return writeContainer('[', ']', items, depth, options.indented);
  }
  if (value instanceof KeyValuePair) {
    return writeContainer('{', '}', [pair('Key', value.key), pair('Value', value.value)], depth, options.indented);
  }
  if (isMapping(value)) {
    const items = Object.entries(value).map(([key, item]) => pair(key, item));
    return writeContainer('{', '}', items, depth, options.indented);
  }
  const kind = value instanceof Drop ? 'an HL7 data object' : `a ${typeof value} value`;
  throw createArgumentError(
    'to_json_string',
    `${kind} cannot be serialised to JSON`,
    'Serialise mappings, lists and primitive values (e.g. C-CDA or JSON data), not HL7 segments or fields.',
  );
}

/** Serialises a template value the way Newtonsoft `JsonConvert.SerializeObject` does. */
export function writeNewtonsoftJson(value: unknown, options: NewtonsoftWriteOptions): string {
  return writeValue(value, options, 0);
}
