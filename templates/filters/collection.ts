import { isNil } from '../runtime/values.js';
import { isTypedList } from './typed-lists.js';
import type { FilterSpec } from './define.js';
import { defineFilter } from './define.js';
import { createArgumentError } from './filter-error.js';

/**
 * Collection converter filters (msfc-compat §7.4). `concat` accepts generic lists: nil, lists made by `to_array` /
 * `concat`, and data lists; it rejects strings, mappings, safe-lists, drops and typed lists (see typed-lists.ts).
 */

export const TO_ARRAY = defineFilter({
  name: 'to_array',
  family: 'collection',
  summary: 'nil → []; a list → a copy; anything else (mapping, string, number, HL7 safe-list) → a one-item list.',
  input: 'any',
  params: [],
  fn(input: unknown): unknown {
    if (isNil(input)) return [];
    return Array.isArray(input) ? [...(input as unknown[])] : [input];
  },
  examples: [{ template: '{{ m | to_array | to_json_string }}', data: { m: { k: 'v' } }, output: '[{"k":"v"}]' }],
});

function operand(value: unknown, side: string): unknown[] {
  if (isNil(value)) return [];
  if (Array.isArray(value) && !isTypedList(value)) return value as unknown[];
  throw createArgumentError(
    'concat',
    `the ${side} operand is not a generic list`,
    'Convert both operands with to_array first.',
  );
}

export const CONCAT = defineFilter({
  name: 'concat',
  family: 'collection',
  summary: 'Joins two lists made by to_array/concat into a new list; nil counts as empty; other values → error.',
  input: 'any',
  params: [{ name: 'other', type: 'any' }],
  fn(input: unknown, other: unknown): unknown {
    return [...operand(input, 'left'), ...operand(other, 'right')];
  },
  examples: [{ template: "{{ 'a' | to_array | concat: nil | to_json_string }}", output: '["a"]' }],
});

/** The §7.4 filters owned here (`batch_render` belongs to the engine). */
export const COLLECTION_FILTERS: FilterSpec[] = [TO_ARRAY, CONCAT];
