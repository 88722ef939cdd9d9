import { describe, expect, it } from 'vitest';
import { callFilter, createTestEnv } from './filter-test-env.js';
import { EVALUATE, GET_OBJECT } from './json-filters.js';

const env = createTestEnv();
const json = JSON.stringify({
  a: { b: [1.5, true, null, 'x'], n: 2, d: 2.0, big: 1e15 },
  when: '2020-03-04T05:06:07.800+02:00',
  zulu: '2020-03-04T05:06:07Z',
  "odd key": 'v',
  list: [{ id: 1 }, { id: 2 }],
}).replace('1000000000000000', '1E15');
const evaluate = (path: unknown, input: unknown = json): unknown => callFilter(EVALUATE, env, input, path);
const getObject = (path: unknown, input: unknown = json): unknown => callFilter(GET_OBJECT, env, input, path);

describe('evaluate (msfc-compat §7.1)', () => {
  it.each([
    ['$.a.b[0]', '1.5'],
    ['$.a.b[1]', 'True'],
    ['$.a.b[2]', null],
    ['$.a.b[3]', 'x'],
    ['$.a.n', '2'],
    ['a.n', '2'],
    ["$['odd key']", 'v'],
    ['$.a.big', '1E+15'],
    ['$.a.d', '2'],
    ['$.list[1].id', '2'],
    ['$.missing', null],
    ['$.a.b[9]', null],
  ])('%s → %j', (path, expected) => {
    expect(evaluate(path)).toBe(expected);
  });

  it('detects dates and returns their invariant text', () => {
    expect(evaluate('$.when')).toBe('03/04/2020 03:06:07');
    expect(evaluate('$.zulu')).toBe('03/04/2020 05:06:07');
  });

  it('returns nil for nil/empty input or path', () => {
    expect(evaluate('$.a', '')).toBeNull();
    expect(evaluate('$.a', null)).toBeNull();
    expect(evaluate('')).toBeNull();
  });

  it.each(['$.a', '$.list', '$.list[*].id', '$..id', '$.a[?(@.n)]'])('rejects %s', (path) => {
    expect(() => evaluate(path)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it('rejects malformed JSON', () => {
    expect(() => evaluate('$.a', '{"a":')).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
    expect(() => evaluate('$.a', '{"a":1} x')).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it('reads Newtonsoft leniencies: comments and single quotes', () => {
    expect(evaluate('$.a', "{ /* c */ 'a': 'q' // end\n}")).toBe('q');
  });
});

describe('get_object (msfc-compat §7.1)', () => {
  it('pretty-prints objects and arrays Newtonsoft-style', () => {
    expect(getObject('$.list[0]')).toBe('{\n  "id": 1\n}');
    expect(getObject('$.a')).toBe(
      '{\n  "b": [\n    1.5,\n    true,\n    null,\n    "x"\n  ],\n  "n": 2,\n  "d": 2,\n  "big": 1E+15\n}',
    );
    expect(getObject('$', '{"e":{},"l":[],"d":2.0,"t":"2020-03-04T05:06:07Z"}')).toBe(
      '{\n  "e": {},\n  "l": [],\n  "d": 2.0,\n  "t": "2020-03-04T05:06:07Z"\n}',
    );
  });

  it('returns scalar text', () => {
    expect(getObject('$.a.b[3]')).toBe('x');
    expect(getObject('$.a.b[1]')).toBe('True');
    expect(getObject('$.a.b[2]')).toBe('');
  });

  it('fails when nothing is selected', () => {
    expect(() => getObject('$.missing')).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});
