import { createHash, hash } from 'node:crypto';
import type { FilterEnv, FilterSpec } from './define.js';
import { defineFilter } from './define.js';
import { isNullOrWhiteSpace, trimDotNet } from './dotnet-whitespace.js';
import { createFilterError, FILTER_ERROR_CODES } from './filter-error.js';
import { EVALUATE, GET_OBJECT } from './json-filters.js';

/** General converter filters (msfc-compat §7.1). */

const CODE_FALLBACK_PROPERTIES = new Set(['code', 'display']);
const isEmpty = (value: unknown): boolean => value == null || value === '';
const sha256: (text: string) => Uint8Array =
  typeof hash === 'function'
    ? (text) => hash('sha256', text, 'buffer')
    : (text) => createHash('sha256').update(text, 'utf8').digest();

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** .NET `Guid(byte[16])` text of the first 16 bytes: groups 1–3 byte-reversed, lowercase hex. */
export function formatDotNetGuid(b: Uint8Array): string {
  return (
    HEX[b[3]] + HEX[b[2]] + HEX[b[1]] + HEX[b[0]] + '-' + HEX[b[5]] + HEX[b[4]] + '-' + HEX[b[7]] + HEX[b[6]] + '-' +
    HEX[b[8]] + HEX[b[9]] + '-' + HEX[b[10]] + HEX[b[11]] + HEX[b[12]] + HEX[b[13]] + HEX[b[14]] + HEX[b[15]]
  );
}

export const GET_PROPERTY = defineFilter({
  name: 'get_property',
  family: 'general',
  summary: "Looks a code up in the collection's code mapping; falls back to __default__, then to the code itself.",
  input: 'string',
  params: [
    { name: 'mappingName', type: 'string' },
    { name: 'property', type: 'string', default: 'code' },
  ],
  fn(this: FilterEnv, input: unknown, mappingName: unknown, property: unknown = 'code'): unknown {
    if (isEmpty(input) || isEmpty(mappingName) || isEmpty(property)) return null;
    const code = String(input);
    const key = String(property);
    const table = this.codeMapping?.mapping[String(mappingName)];
    const entry = table && (Object.hasOwn(table, code) ? table[code] : table.__default__);
    const found = entry && Object.hasOwn(entry, key) ? entry[key] : undefined;
    if (found != null) return found;
    return CODE_FALLBACK_PROPERTIES.has(key) ? code : null;
  },
  examples: [{ template: "{{ 'F' | get_property: 'CodeSystem/NotLoaded', 'display' }}", output: 'F' }],
});

export const GENERATE_UUID = defineFilter({
  name: 'generate_uuid',
  family: 'general',
  summary: 'Deterministic GUID from the SHA-256 of the UTF-8 text (.NET byte order); blank → nil.',
  input: 'string',
  params: [],
  fn(input: unknown): unknown {
    if (input == null || isNullOrWhiteSpace(String(input))) return null;
    return formatDotNetGuid(sha256(String(input)));
  },
  examples: [{ template: "{{ 'hello' | generate_uuid }}", output: 'ba4df22c-b05f-0ea3-26e8-3b2ac5b9e29e' }],
});

function idInputError(message: string): Error {
  return createFilterError(
    FILTER_ERROR_CODES.invalidIdGenerationInput,
    'generate_id_input',
    message,
    'Pass a resource type and, when baseIdRequired is true, a non-empty base id.',
    'msfc-compat §7.1',
  );
}

export const GENERATE_ID_INPUT = defineFilter({
  name: 'generate_id_input',
  family: 'general',
  summary: 'Builds the hash input of a resource id: `Type_input[_baseId]` (input trimmed); blank input → nil.',
  input: 'string',
  params: [
    { name: 'resourceType', type: 'string' },
    { name: 'baseIdRequired', type: 'bool' },
    { name: 'baseId', type: 'string', default: null },
  ],
  fn(input: unknown, resourceType: unknown, baseIdRequired: unknown, baseId: unknown = null): unknown {
    if (input == null || isNullOrWhiteSpace(String(input))) return null;
    if (isEmpty(resourceType)) throw idInputError('the resource type is empty');
    if (baseIdRequired === true && isEmpty(baseId)) throw idInputError('a base id is required but empty');
    const base = baseId == null ? '' : `_${String(baseId)}`;
    return `${String(resourceType)}_${trimDotNet(String(input))}${base}`;
  },
  examples: [
    { template: "{{ ' 123 ' | generate_id_input: 'Patient', false }}", output: 'Patient_123' },
    { template: "{{ '123' | generate_id_input: 'Encounter', true, 'abc' }}", output: 'Encounter_123_abc' },
  ],
});

/** The §7.1 filters. */
export const GENERAL_FILTERS: FilterSpec[] = [GET_PROPERTY, GENERATE_UUID, GENERATE_ID_INPUT, EVALUATE, GET_OBJECT];
