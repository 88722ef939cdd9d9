import { describe, expect, it } from 'vitest';
import { SafeList } from '../runtime/values.js';
import { CONCAT, isObjectList, TO_ARRAY } from './collection.js';
import { callFilter, createTestEnv } from './filter-test-env.js';

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

  it('marks its result as a generic object list', () => {
    expect(isObjectList(toArray('x'))).toBe(true);
    expect(isObjectList(['x'])).toBe(false);
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

  it.each<[string, unknown]>([
    ['a plain (JSON or split) list', ['a']],
    ['a string', 'abc'],
    ['a mapping', { a: 1 }],
    ['a safe list', new SafeList([1])],
  ])('rejects %s', (_name, bad) => {
    expect(() => concat(toArray('x'), bad)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
    expect(() => concat(bad, toArray('x'))).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});
