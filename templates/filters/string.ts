import { writeNewtonsoftJson } from '../runtime/newtonsoft-json.js';
import { NetDouble } from '../runtime/values.js';
import type { FilterEnv, FilterSpec } from './define.js';
import { defineFilter } from './define.js';
import { parseDotNetDouble } from './dotnet-number.js';
import { compileDotNetRegex } from './dotnet-regex.js';
import { createArgumentError, FILTER_JSON_OPTIONS } from './filter-error.js';
import { markTypedList } from './typed-lists.js';

/** String converter filters (msfc-compat §7.2); the encoding/hash ones live in encoding.ts. */

const requireText = (filter: string, value: unknown): string => {
  if (value == null) throw createArgumentError(filter, 'the input is nil', 'Guard the call with an if, or use default.');
  return String(value);
};

export const TO_JSON_STRING = defineFilter({
  name: 'to_json_string',
  family: 'string',
  summary: 'Compact Newtonsoft JSON of a value (mappings in order, doubles as `2.0`, dates ISO); nil → nil.',
  input: 'any',
  params: [],
  fn(this: FilterEnv, input: unknown): unknown {
    if (input == null) return null;
    return writeNewtonsoftJson(input, { ...FILTER_JSON_OPTIONS, timeZone: this.timeZone });
  },
  examples: [
    { template: '{{ m | to_json_string }}', data: { m: { a: [1, 'x"'], b: null } }, output: '{"a":[1,"x\\""],"b":null}' },
  ],
});

export const CHAR_AT = defineFilter({
  name: 'char_at',
  family: 'string',
  summary: 'The UTF-16 character at a 0-based index; out of range or nil input → error.',
  input: 'string',
  params: [{ name: 'index', type: 'int' }],
  fn(input: unknown, index: unknown): unknown {
    const text = requireText('char_at', input);
    const i = Number(index);
    if (!Number.isInteger(i) || i < 0 || i >= text.length) {
      const message = `index ${i} is outside the text (length ${text.length})`;
      throw createArgumentError('char_at', message, 'Check the length with size first.');
    }
    return text[i];
  },
  examples: [{ template: "{{ 'abc' | char_at: 1 }}", output: 'b' }],
});

export const CONTAINS = defineFilter({
  name: 'contains',
  family: 'string',
  summary: 'Ordinal substring test; nil input → false; nil argument → error.',
  input: 'string',
  params: [{ name: 'value', type: 'string' }],
  fn(input: unknown, value: unknown): unknown {
    if (input == null) return false;
    if (value == null) throw createArgumentError('contains', 'the searched value is nil', 'Pass a string to search for.');
    return String(input).includes(String(value));
  },
  examples: [{ template: "{{ 'abc' | contains: 'bc' }}", output: 'true' }],
});

export const TO_DOUBLE = defineFilter({
  name: 'to_double',
  family: 'string',
  summary: 'Parses text as a double (invariant culture, thousands separators allowed); nil or invalid → error.',
  input: 'string',
  params: [],
  fn(input: unknown): unknown {
    const parsed = parseDotNetDouble(requireText('to_double', input));
    if (parsed === undefined) {
      const suggestion = 'Pass digits with an optional sign, decimal point and exponent.';
      throw createArgumentError('to_double', 'the input is not a number', suggestion);
    }
    return new NetDouble(parsed);
  },
  examples: [{ template: "{{ '1,234.50' | to_double }}", output: '1234.5' }],
});

export const ESCAPE_SPECIAL_CHARS = defineFilter({
  name: 'escape_special_chars',
  family: 'string',
  summary: 'Prefixes every `\\` and `"` with a backslash; nil/empty unchanged.',
  input: 'string',
  params: [],
  fn(input: unknown): unknown {
    return input == null || input === '' ? input : String(input).replace(/[\\"]/g, '\\$&');
  },
  examples: [{ template: `{{ 'say "hi"' | escape_special_chars }}`, output: String.raw`say \"hi\"` }],
});

export const UNESCAPE_SPECIAL_CHARS = defineFilter({
  name: 'unescape_special_chars',
  family: 'string',
  summary: 'Turns `\\\\` into `\\` and `\\"` into `"` in one pass; nil/empty unchanged.',
  input: 'string',
  params: [],
  fn(input: unknown): unknown {
    return input == null || input === '' ? input : String(input).replace(/\\([\\"])/g, '$1');
  },
  examples: [{ template: String.raw`{{ 'say \"hi\"' | unescape_special_chars }}`, output: 'say "hi"' }],
});

export const MATCH = defineFilter({
  name: 'match',
  family: 'string',
  summary: 'List with the first match of a .NET regular expression (at most one item); no match or empty → [].',
  input: 'string',
  params: [{ name: 'regex', type: 'string' }],
  fn(input: unknown, regex: unknown): unknown {
    if (input == null || input === '') return markTypedList([]);
    if (regex == null) throw createArgumentError('match', 'the pattern is nil', 'Pass a regular expression.');
    const found = compileDotNetRegex(String(regex), 'match').exec(String(input));
    return markTypedList(found ? [found[0]] : []);
  },
  examples: [{ template: "{{ 'ab12cd34' | match: '[0-9]+' }}", output: '12' }],
});

/** The §7.2 filters defined in this file. */
export const STRING_FILTERS: FilterSpec[] = [
  TO_JSON_STRING,
  CHAR_AT,
  CONTAINS,
  TO_DOUBLE,
  ESCAPE_SPECIAL_CHARS,
  UNESCAPE_SPECIAL_CHARS,
  MATCH,
];
