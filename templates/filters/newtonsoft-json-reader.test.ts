import { describe, expect, it } from 'vitest';
import { NetDateTime } from '../runtime/dotnet-date.js';
import { writeNewtonsoftJson } from '../runtime/newtonsoft-json.js';
import { NetDouble } from '../runtime/values.js';
import { readNewtonsoftJson } from './newtonsoft-json-reader.js';

const read = (text: string): unknown => readNewtonsoftJson(text, 'evaluate');

describe('readNewtonsoftJson', () => {
  it('keeps ints and doubles apart and round-trips through the writer', () => {
    const value = read('{"i":2,"d":2.0,"e":1e3,"s":"a\\u0041\\n","l":[true,false,null]}') as Record<string, unknown>;
    expect(value.i).toBe(2);
    expect(value.d).toBeInstanceOf(NetDouble);
    expect(writeNewtonsoftJson(value, { indented: false, timeZone: 'UTC' })).toBe(
      '{"i":2,"d":2.0,"e":1000.0,"s":"aA\\n","l":[true,false,null]}',
    );
  });

  it('lets the last duplicate key win at the first position', () => {
    expect(Object.entries(read('{"a":1,"b":2,"a":3}') as object)).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('stores __proto__ as an ordinary key', () => {
    const value = read('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('detects dates in values but not in keys', () => {
    const value = read('{"2020-01-01T00:00:00":"2020-01-01T00:00:00"}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['2020-01-01T00:00:00']);
    expect(value['2020-01-01T00:00:00']).toBeInstanceOf(NetDateTime);
  });

  it('limits nesting to 64 levels', () => {
    expect(() => read('['.repeat(64) + ']'.repeat(64))).not.toThrow();
    expect(() => read('['.repeat(65) + ']'.repeat(65))).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it.each(['', '{', '{"a" 1}', '{a:1}', '[1 2]', '"abc', '{"a":"\\x"}', '{} {}'])('rejects %j', (text) => {
    expect(() => read(text)).toThrow(expect.objectContaining({ code: 'render.filter-argument', stage: 'render' }));
  });
});
