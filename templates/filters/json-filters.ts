import { NetDateTime } from '../runtime/dotnet-date.js';
import { formatDotNetDouble } from '../runtime/dotnet-text.js';
import { writeNewtonsoftJson } from '../runtime/newtonsoft-json.js';
import { isMapping, NetDouble } from '../runtime/values.js';
import type { FilterEnv } from './define.js';
import { defineFilter } from './define.js';
import { formatDotNetDate } from './dotnet-date-format.js';
import { createArgumentError, FILTER_JSON_OPTIONS } from './filter-error.js';
import { selectJsonPath } from './json-path.js';
import { readNewtonsoftJson } from './newtonsoft-json-reader.js';

/** JSONPath filters over JSON text (msfc-compat §7.1; used by FhirToHl7v2 templates). Path subset: json-path.ts. */

const isEmpty = (value: unknown): boolean => value == null || value === '';

/** .NET text of a JSON scalar (`Convert.ToString`, invariant culture); nil stays nil. */
function scalarText(value: unknown, timeZone: string): string | null {
  if (value == null) return null;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof NetDouble) return formatDotNetDouble(value.value);
  if (value instanceof NetDateTime) return formatDotNetDate(value, 'G', timeZone);
  return String(value);
}

function selectOne(env: FilterEnv, filter: string, input: unknown, path: unknown): unknown[] {
  const root = readNewtonsoftJson(String(input), filter);
  const matches = selectJsonPath(root, String(path), filter);
  if (matches.length > 1) {
    const suggestion = 'Use a path that selects exactly one value.';
    throw createArgumentError(filter, `the path selects ${matches.length} values`, suggestion);
  }
  return matches;
}

export const EVALUATE = defineFilter({
  name: 'evaluate',
  family: 'general',
  summary: 'Selects one scalar from JSON text with a JSONPath and returns its text (absent → nil).',
  input: 'string',
  params: [{ name: 'path', type: 'string' }],
  fn(this: FilterEnv, input: unknown, path: unknown): unknown {
    if (isEmpty(input) || isEmpty(path)) return null;
    const [match] = selectOne(this, 'evaluate', input, path);
    if (Array.isArray(match) || isMapping(match)) {
      throw createArgumentError('evaluate', 'the path selects an object or array', 'Select a scalar, or use get_object.');
    }
    return scalarText(match, this.timeZone);
  },
  examples: [{ template: "{{ json | evaluate: '$.a.b[0]' }}", data: { json: '{"a":{"b":[1.50,true]}}' }, output: '1.5' }],
});

export const GET_OBJECT = defineFilter({
  name: 'get_object',
  family: 'general',
  summary: 'Selects one value from JSON text with a JSONPath and returns its text (objects as indented JSON).',
  input: 'string',
  params: [{ name: 'path', type: 'string' }],
  fn(this: FilterEnv, input: unknown, path: unknown): unknown {
    if (isEmpty(input) || isEmpty(path)) return null;
    const matches = selectOne(this, 'get_object', input, path);
    if (matches.length === 0) {
      throw createArgumentError('get_object', 'the path selects nothing', 'Check the path against the JSON input.');
    }
    const [match] = matches;
    if (Array.isArray(match) || isMapping(match)) {
      return writeNewtonsoftJson(match, { ...FILTER_JSON_OPTIONS, indented: true, timeZone: this.timeZone });
    }
    return scalarText(match, this.timeZone) ?? '';
  },
  examples: [{ template: "{{ json | get_object: 'a' }}", data: { json: '{"a":{"b":1}}' }, output: '{\n  "b": 1\n}' }],
});
