import { liquidEquals, netTypeOf, objectEquals, primitiveOf } from '../runtime/convert.js';
import { enumerableSize, enumerate } from '../runtime/enumerate.js';
import { lookupMember } from '../runtime/lookup.js';
import { netDefaultText } from '../runtime/to-text.js';
import { isMapping } from '../runtime/values.js';
import { defineFilter } from './define.js';
import type { FilterEnv, FilterSpec } from './define.js';

const list = (name: string, summary: string, fn: (items: readonly unknown[], ...args: unknown[]) => unknown, params: FilterSpec['params'] = []): FilterSpec =>
  defineFilter({
    name,
    family: 'standard',
    summary,
    input: 'any',
    params,
    fn: (input: unknown, ...args: unknown[]) => {
      if (input === null || input === undefined) return input;
      const items = enumerate(input);
      return items ? fn(items, ...args) : input;
    },
  });

function property(item: unknown, key: unknown): unknown {
  return isMapping(item) ? lookupMember(item, key, undefined) : undefined;
}

function compareNatural(a: unknown, b: unknown, ignoreCase: boolean): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const ta = netTypeOf(a);
  if ((ta === 'int' || ta === 'double' || ta === 'decimal') && ta === netTypeOf(b)) return Number(primitiveOf(a)) - Number(primitiveOf(b));
  const sa = netDefaultText(a);
  const sb = netDefaultText(b);
  const x = ignoreCase ? sa.toLowerCase() : sa;
  const y = ignoreCase ? sb.toLowerCase() : sb;
  return x < y ? -1 : x > y ? 1 : 0;
}

function sorter(ignoreCase: boolean): (items: readonly unknown[], key: unknown) => unknown[] {
  return (items, key) => {
    const copy = [...items];
    const get = key === null || key === undefined ? (v: unknown): unknown => v : (v: unknown): unknown => property(v, key);
    return copy.sort((a, b) => compareNatural(get(a), get(b), ignoreCase));
  };
}

function sliceString(input: string, start: number, length: number): string | null {
  let from = start;
  let len = length;
  if (from > input.length) return null;
  if (from < 0) {
    from += input.length;
    if (from < 0) {
      len = Math.max(0, len + from);
      from = 0;
    }
  }
  if (from + len > input.length) len = input.length - from;
  return input.substr(from, Math.max(0, len));
}

/** DotLiquid20 collection filters (msfc-compat §6.9). `concat` comes from the converter filters (§7.4). */
export const STANDARD_COLLECTION_FILTERS: FilterSpec[] = [
  defineFilter({ name: 'size', family: 'standard', summary: 'String length or element count; 0 for anything else.', input: 'any', params: [], fn: (i: unknown) => enumerableSize(i) ?? 0 }),
  defineFilter({ name: 'first', family: 'standard', summary: 'First element (first character of a string).', input: 'any', params: [], fn: (i: unknown) => enumerate(i)?.[0] }),
  defineFilter({ name: 'last', family: 'standard', summary: 'Last element (last character of a string).', input: 'any', params: [], fn: (i: unknown) => {
    const items = enumerate(i);
    return items && items.length > 0 ? items[items.length - 1] : undefined;
  } }),
  defineFilter({ name: 'join', family: 'standard', summary: 'Joins the elements with a separator.', input: 'any', params: [{ name: 'glue', type: 'string', default: ' ' }], fn(this: FilterEnv, i: unknown, g: unknown): unknown {
    if (i === null || i === undefined) return i;
    const items = enumerate(i);
    return items ? items.map((item) => netDefaultText(item, this.timeZone)).join((g as string | null) ?? '') : i;
  } }),
  defineFilter({ name: 'slice', family: 'standard', summary: 'Part of a string or list.', input: 'any', params: [{ name: 'start', type: 'int' }, { name: 'length', type: 'int', default: 1 }], fn: (i: unknown, s: unknown, l: unknown) => {
    if (i === null || i === undefined) return null;
    if (typeof i === 'string') return sliceString(i, s as number, l as number);
    const items = enumerate(i);
    if (!items) return null;
    const start = (s as number) < 0 ? Math.max(0, items.length + (s as number)) : (s as number);
    return items.slice(start, start + Math.max(0, l as number));
  } }),
  list('sort', 'Sorts (optionally by a property).', sorter(false), [{ name: 'property', type: 'any', default: null }]),
  list('sort_natural', 'Sorts case-insensitively (optionally by a property).', sorter(true), [{ name: 'property', type: 'any', default: null }]),
  list('map', 'Values of a property of every element.', (items, key) => items.map((item) => property(item, key)), [{ name: 'property', type: 'any' }]),
  list('uniq', 'Removes duplicates.', (items) => items.filter((item, index) => items.findIndex((other) => objectEquals(other, item)) === index)),
  list('compact', 'Removes nil elements.', (items) => items.filter((item) => item !== null && item !== undefined)),
  list('reverse', 'Reverses the elements.', (items) => [...items].reverse()),
  list('where', 'Elements whose property equals a value (or is truthy).', (items, key, target) =>
    items.filter((item) => {
      const value = property(item, key);
      return target === null || target === undefined ? value !== null && value !== undefined && value !== false : liquidEquals(value, target);
    }), [{ name: 'property', type: 'any' }, { name: 'value', type: 'any', default: null }]),
];
