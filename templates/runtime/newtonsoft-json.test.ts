import { describe, expect, it } from 'vitest';
import { NetDateTime } from './dotnet-date.js';
import { writeNewtonsoftJson } from './newtonsoft-json.js';
import { Drop, KeyValuePair, NetDecimal, NetDouble, SafeList } from './values.js';

class EmptyDrop extends Drop {
  liquidGet(): unknown {
    return undefined;
  }
}

describe('writeNewtonsoftJson (msfc-compat §9.2)', () => {
  it('serialises compact Newtonsoft JSON', () => {
    expect(writeNewtonsoftJson({ a: [1, new NetDouble(2), 'x"\n', null, true], b: { c: '\u2028' } })).toBe('{"a":[1,2.0,"x\\"\\n",null,true],"b":{"c":"\\u2028"}}');
  });

  it('indents by two spaces with ": " and keeps empty containers short', () => {
    expect(writeNewtonsoftJson({ a: [1, {}], b: [] }, { indented: true })).toBe('{\n  "a": [\n    1,\n    {}\n  ],\n  "b": []\n}');
  });

  it('writes numbers as Newtonsoft does: non-finite doubles as strings, big ints and decimals in plain digits', () => {
    const value = [new NetDouble(NaN), 1e21, new NetDecimal(2), new NetDecimal(1.5e-7), 0.5];
    expect(writeNewtonsoftJson(value)).toBe('["NaN",1000000000000000000000,2.0,0.00000015,0.5]');
  });

  it('writes key/value pairs, safe lists and dates in the host zone', () => {
    const date = NetDateTime.localAt(Date.UTC(2020, 6, 1, 12), 0);
    const value = { p: new KeyValuePair('k', 1), l: new SafeList(['a']), d: date };
    expect(writeNewtonsoftJson(value, { timeZone: 'America/New_York' })).toBe(
      '{"p":{"Key":"k","Value":1},"l":["a"],"d":"2020-07-01T08:00:00-04:00"}',
    );
  });

  it('writes drops as null unless a reject hook refuses them, and enforces maxDepth through the hook', () => {
    expect(writeNewtonsoftJson({ d: new EmptyDrop() })).toBe('{"d":null}');
    const reject = (problem: string): Error => new Error(problem);
    expect(() => writeNewtonsoftJson({ d: new EmptyDrop() }, { reject })).toThrow('unsupported');
    expect(() => writeNewtonsoftJson([[1]], { maxDepth: 1, reject })).toThrow('too-deep');
    expect(writeNewtonsoftJson([1], { maxDepth: 1, reject })).toBe('[1]');
  });
});
