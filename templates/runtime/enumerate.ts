import { KeyValuePair, SafeList, isMapping } from './values.js';

/** Key/value pair items of a mapping, in key order (what iterating a .NET dictionary yields). */
export function mappingPairs(mapping: Record<string, unknown>): KeyValuePair[] {
  const keys = Object.keys(mapping);
  const pairs = new Array<KeyValuePair>(keys.length);
  for (let i = 0; i < keys.length; i++) pairs[i] = new KeyValuePair(keys[i], mapping[keys[i]]);
  return pairs;
}

/**
 * Items of an enumerable value (list, safe-list, mapping → pairs, string → characters), or undefined for
 * non-enumerables (nil, numbers, booleans, drops, pairs).
 */
export function enumerate(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split('');
  if (value instanceof SafeList) return value.items as unknown[];
  if (isMapping(value)) return mappingPairs(value);
  return undefined;
}

/** Element count of an enumerable, or undefined. */
export function enumerableSize(value: unknown): number | undefined {
  if (Array.isArray(value) || typeof value === 'string') return value.length;
  if (value instanceof SafeList) return value.size;
  if (isMapping(value)) return Object.keys(value).length;
  return undefined;
}

/** True iff the value is an enumerable with no elements (`== empty`, msfc-compat §6.6); nil is not empty. */
export function isEmptyEnumerable(value: unknown): boolean {
  return enumerableSize(value) === 0;
}
