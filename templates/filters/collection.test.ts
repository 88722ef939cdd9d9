import { describe, expect, it } from 'vitest';
import { SafeList } from '../runtime/values.js';
import { CONCAT, TO_ARRAY } from './collection.js';
import { callFilter, createTestEnv } from './filter-test-env.js';
import { MATCH } from './string.js';
import { isTypedList, markTypedList } from './typed-lists.js';

const env = createTestEnv();
const toArray = (value: unknown): unknown[] => callFilter(TO_ARRAY, env, value) as unknown[];
const concat = (left: unknown, right: unknown): unknown => callFilter(CONCAT, env, left, right);

describe('to_array (msfc-compat §7.4)', () => {
  it('turns nil into an empty list and copies lists', () => {
    expect(toArray(null)).toEqual([]);
    const source = [1, 'a'];
    const copy = toArray(source);
    expect(copy).toEqual([1, 'a']);
    expect(copy).not.toBe(source);
  });

  it('wraps everything else, including safe lists', () => {
    const safe = new SafeList(['x']);
    expect(toArray(safe)).toEqual([safe]);
    expect(toArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(toArray('abc')).toEqual(['abc']);
    expect(toArray(0)).toEqual([0]);
  });

  it('turns a typed list into a generic one', () => {
    const typed = markTypedList(['x']);
    expect(isTypedList(toArray(typed))).toBe(false);
    expect(concat(toArray(typed), null)).toEqual(['x']);
  });
});

describe('concat (msfc-compat §7.4)', () => {
  it('joins lists made by to_array/concat into a new list', () => {
    const left = toArray([1, 2]);
    const right = toArray('b');
    const joined = concat(left, right) as unknown[];
    expect(joined).toEqual([1, 2, 'b']);
    expect(joined).not.toBe(left);
    expect(concat(joined, toArray(3))).toEqual([1, 2, 'b', 3]);
  });

  it('treats nil operands as empty', () => {
    expect(concat(null, toArray('a'))).toEqual(['a']);
    expect(concat(toArray('a'), undefined)).toEqual(['a']);
    expect(concat(null, null)).toEqual([]);
  });

  it('accepts unmarked data lists', () => {
    expect(concat(['a'], ['b'])).toEqual(['a', 'b']);
  });

  it.each<[string, unknown]>([
    ['a match result', callFilter(MATCH, env, 'abc', 'b')],
    ['a marked (split or segment) list', markTypedList(['a'])],
    ['a string', 'abc'],
    ['a mapping', { a: 1 }],
    ['a safe list', new SafeList([1])],
  ])('rejects %s', (_name, bad) => {
    expect(() => concat(toArray('x'), bad)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
    expect(() => concat(bad, toArray('x'))).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});
