import { enumerableSize, mappingPairs } from './enumerate.js';
import { renderError } from './render-error.js';
import { Drop, KeyValuePair, SafeList, isMapping } from './values.js';

/** Special member of an un-bracketed path part (msfc-compat §6.4 step 5). */
export type SpecialMember = 'size' | 'first' | 'last' | undefined;

const SPECIALS: Record<string, SpecialMember> = { size: 'size', first: 'first', last: 'last' };

export function specialMemberOf(part: string): SpecialMember {
  return SPECIALS[part.toLowerCase()];
}

function specialOf(value: unknown, special: SpecialMember): unknown {
  if (special === undefined) return undefined;
  if (special === 'size') return enumerableSize(value);
  const items: readonly unknown[] | undefined = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value
        ? [value[0], value[value.length - 1]]
        : []
      : value instanceof SafeList
        ? value.items
        : isMapping(value)
          ? mappingPairs(value)
          : undefined;
  if (!items || items.length === 0) return undefined;
  if (typeof value === 'string') return special === 'first' ? items[0] : items[1];
  return special === 'first' ? items[0] : items[items.length - 1];
}

function lookupPair(pair: KeyValuePair, key: string | number): unknown {
  if (key === 0 || key === '0' || key === 'Key') return pair.key;
  if (key === 1 || key === '1' || key === 'Value' || key === pair.key) return pair.value;
  const inner = pair.value;
  if (isMapping(inner)) {
    const k = String(key);
    return Object.hasOwn(inner, k) ? inner[k] : undefined;
  }
  return undefined;
}

function listIndexError(index: number, length: number): Error {
  return renderError(
    'render.index-out-of-range',
    `Index ${index} is out of range for a list of ${length} items`,
    'Guard the index with a size check, or iterate the list with for.',
  );
}

/**
 * One step of a variable path (msfc-compat §6.4). `key` is the part text (un-bracketed) or the evaluated
 * bracket expression; `special` is set only for un-bracketed `size`/`first`/`last`.
 */
export function lookupMember(current: unknown, key: unknown, special: SpecialMember): unknown {
  if (current === null || current === undefined) return undefined;
  if (isMapping(current)) {
    const k = typeof key === 'string' ? key : typeof key === 'number' && Number.isInteger(key) ? String(key) : undefined;
    if (k !== undefined && Object.hasOwn(current, k)) return current[k];
    return specialOf(current, special);
  }
  if (Array.isArray(current)) {
    if (typeof key === 'number' && Number.isInteger(key)) {
      if (key < 0 || key >= current.length) throw listIndexError(key, current.length);
      return current[key];
    }
    return specialOf(current, special);
  }
  if (current instanceof Drop) {
    if (typeof key === 'string' || typeof key === 'number') return current.liquidGet(key);
    return undefined;
  }
  if (current instanceof SafeList) {
    if (typeof key === 'number') return current.at(key);
    return specialOf(current, special);
  }
  if (current instanceof KeyValuePair) {
    return typeof key === 'string' || typeof key === 'number' ? lookupPair(current, key) : undefined;
  }
  if (typeof current === 'string') return specialOf(current, special);
  return undefined;
}
