import { isNil } from '../runtime/values.js';
import type { FilterSpec } from './define.js';
import { defineFilter } from './define.js';
import { createArgumentError } from './filter-error.js';

/**
 * Collection converter filters (msfc-compat §7.4). The reference's `concat` only accepts generic object lists, i.e.
 * lists made by `to_array`/`concat`; other lists (JSON arrays, `split`/`match` results, segment lists) fail. Such
 * lists are plain arrays here, so the lists these filters create are remembered in a WeakSet.
 */

const OBJECT_LISTS = new WeakSet<unknown[]>();

/** Marks `list` as a generic object list (what `to_array`/`concat` return) and returns it. */
export function markObjectList<T>(list: T[]): T[] {
  OBJECT_LISTS.add(list);
  return list;
}

/** True for a list created by `to_array`/`concat` (or marked with {@link markObjectList}). */
export function isObjectList(value: unknown): value is unknown[] {
  return Array.isArray(value) && OBJECT_LISTS.has(value);
}

export const TO_ARRAY = defineFilter({
  name: 'to_array',
  family: 'collection',
  summary: 'nil → []; a list → a copy; anything else (mapping, string, number, HL7 safe-list) → a one-item list.',
  input: 'any',
  params: [],
  fn(input: unknown): unknown {
    if (isNil(input)) return markObjectList([]);
    return markObjectList(Array.isArray(input) ? [...(input as unknown[])] : [input]);
  },
  examples: [{ template: '{{ m | to_array | to_json_string }}', data: { m: { k: 'v' } }, output: '[{"k":"v"}]' }],
});

function operand(value: unknown, side: string): unknown[] {
  if (isNil(value)) return [];
  if (isObjectList(value)) return value;
  throw createArgumentError(
    'concat',
    `the ${side} operand is not a list made by to_array or concat`,
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
    return markObjectList([...operand(input, 'left'), ...operand(other, 'right')]);
  },
  examples: [{ template: "{{ 'a' | to_array | concat: nil | to_json_string }}", output: '["a"]' }],
});

/** The §7.4 filters owned here (`batch_render` belongs to the engine). */
export const COLLECTION_FILTERS: FilterSpec[] = [TO_ARRAY, CONCAT];
