import { describe, expect, it } from 'vitest';
import { NetDouble } from '../runtime/values.js';
import type { JsonNode } from './json-tree.js';
import { parseLenientJson } from './lenient-parser.js';
import { deepEqual, equalityKey, mergeBundleEntries } from './merge-entries.js';
import { writeCompactJson } from './newtonsoft-writer.js';

function merged(text: string): string {
  const tree = parseLenientJson(text);
  mergeBundleEntries(tree);
  return writeCompactJson(tree);
}

function mergeError(text: string): { code: string; location: unknown } {
  try {
    merged(text);
  } catch (error) {
    return error as { code: string; location: unknown };
  }
  throw new Error('expected a merging error');
}

const patient = (body: string): string => `{"resource":{"resourceType":"Patient",${body}}}`;

describe('entry merge keys (msfc-compat §8.4)', () => {
  it('merges two Patient entries with the same id: arrays union, scalars replaced, new properties appended', () => {
    const text = `{"entry":[${patient('"id":"1","name":[{"given":["A"]}],"gender":"male"')},${patient(
      '"id":"1","name":[{"given":["B"]},{"given":["A"]}],"gender":"female","active":true',
    )}]}`;
    expect(merged(text)).toBe(
      '{"entry":[{"resource":{"resourceType":"Patient","id":"1","name":[{"given":["A"]},{"given":["B"]}],' +
        '"gender":"female","active":true}}]}',
    );
  });

  it('keeps entries with different ids or versions apart, in first-seen order', () => {
    const text = `{"entry":[${patient('"id":"1"')},${patient('"id":"2"')},${patient(
      '"id":"1","meta":{"versionId":"3"}',
    )},${patient('"id":"2","active":true')}]}`;
    expect(merged(text)).toBe(
      '{"entry":[{"resource":{"resourceType":"Patient","id":"1"}},' +
        '{"resource":{"resourceType":"Patient","id":"2","active":true}},' +
        '{"resource":{"resourceType":"Patient","id":"1","meta":{"versionId":"3"}}}]}',
    );
  });

  it('collapses resources of one type without an id into one entry', () => {
    const text = `{"entry":[${patient('"gender":"male"')},${patient('"active":true')}]}`;
    expect(merged(text)).toBe('{"entry":[{"resource":{"resourceType":"Patient","gender":"male","active":true}}]}');
  });

  it('takes number and boolean ids as .NET text, so 1 and "1" share a key', () => {
    expect(merged(`{"entry":[${patient('"id":1,"a":1')},${patient('"id":"1","b":2')}]}`)).toBe(
      '{"entry":[{"resource":{"resourceType":"Patient","id":"1","a":1,"b":2}}]}',
    );
    expect(merged(`{"entry":[${patient('"id":true')},${patient('"id":"True","b":2')}]}`)).toContain('"b":2}}]}');
    expect(merged(`{"entry":[${patient('"id":1.0')},${patient('"id":"1","b":2')}]}`)).toContain('"id":"1","b":2');
  });

  it('keys entries without resourceType by compact JSON, so only identical entries collapse', () => {
    expect(merged('{"entry":[{"fullUrl":"a"},{"fullUrl":"b"},{"fullUrl":"a"},{"request":1,"fullUrl":"a"}]}')).toBe(
      '{"entry":[{"fullUrl":"a"},{"fullUrl":"b"},{"request":1,"fullUrl":"a"}]}',
    );
  });

  it('treats a null resourceType as absent', () => {
    expect(merged('{"entry":[{"resource":{"resourceType":null,"id":"1"}},{"resource":{"resourceType":null,"id":"2"}}]}')).toBe(
      '{"entry":[{"resource":{"resourceType":null,"id":"1"}},{"resource":{"resourceType":null,"id":"2"}}]}',
    );
  });

  it('keeps non-object entries that are not repeated', () => {
    expect(merged('{"entry":[1,"x",[2],' + patient('"id":"1"') + ']}')).toBe(
      '{"entry":[1,"x",[2],{"resource":{"resourceType":"Patient","id":"1"}}]}',
    );
  });

  it('leaves a non-array entry and other top-level keys alone, keeping the entry position', () => {
    expect(merged('{"a":1,"entry":{"x":1},"b":2}')).toBe('{"a":1,"entry":{"x":1},"b":2}');
    expect(merged(`{"a":1,"entry":[${patient('"id":"1"')},${patient('"id":"1"')}],"b":2}`)).toBe(
      '{"a":1,"entry":[{"resource":{"resourceType":"Patient","id":"1"}}],"b":2}',
    );
  });
});

describe('entry merge rules (msfc-compat §8.4)', () => {
  const pair = (a: string, b: string): string => `{"entry":[${patient(`"id":"1",${a}`)},${patient(`"id":"1",${b}`)}]}`;
  const resource = (text: string): string => text.slice('{"entry":[{"resource":'.length, -'}]}'.length);

  it('does not let a null replace a value, but adds a null property that was absent', () => {
    expect(resource(merged(pair('"a":1', '"a":null,"b":null')))).toBe('{"resourceType":"Patient","id":"1","a":1,"b":null}');
  });

  it('lets a later scalar, object or array replace a value of another type', () => {
    expect(resource(merged(pair('"a":1,"b":[1],"c":{"x":1}', '"a":{"y":1},"b":{"z":1},"c":[2]')))).toBe(
      '{"resourceType":"Patient","id":"1","a":{"y":1},"b":{"z":1},"c":[2]}',
    );
  });

  it('merges nested objects recursively', () => {
    expect(resource(merged(pair('"m":{"a":1,"n":{"b":[1]}}', '"m":{"c":2,"n":{"b":[2],"d":3}}')))).toBe(
      '{"resourceType":"Patient","id":"1","m":{"a":1,"n":{"b":[1,2],"d":3},"c":2}}',
    );
  });

  it('unions arrays by deep equality where integer differs from float and key order does not matter', () => {
    expect(resource(merged(pair('"a":[1,{"x":1,"y":2},[1,2],"s"]', '"a":[1.0,{"y":2,"x":1},[2,1],"s","S",1]')))).toBe(
      '{"resourceType":"Patient","id":"1","a":[1,{"x":1,"y":2},[1,2],"s",1.0,[2,1],"S"]}',
    );
  });

  it('keeps duplicates already present and drops duplicates within the incoming array', () => {
    expect(resource(merged(pair('"a":[1,1]', '"a":[2,2,1]')))).toBe('{"resourceType":"Patient","id":"1","a":[1,1,2]}');
  });

  it('unions large arrays (hashed path) with the same rules', () => {
    const items = (from: number, to: number): string =>
      Array.from({ length: to - from }, (_, i) => `{"v":${from + i}}`).join(',');
    const text = merged(pair(`"a":[${items(0, 12)}]`, `"a":[${items(6, 18)},1.0,{"v":1.0},{"v":3}]`));
    expect(resource(text)).toBe(`{"resourceType":"Patient","id":"1","a":[${items(0, 18)},1.0,{"v":1.0}]}`);
  });

  it('merges three or more duplicates in order', () => {
    const text = `{"entry":[${patient('"id":"1","a":1')},${patient('"id":"2"')},${patient('"id":"1","a":2,"b":[1]')},${patient(
      '"id":"1","b":[2]',
    )}]}`;
    expect(merged(text)).toBe(
      '{"entry":[{"resource":{"resourceType":"Patient","id":"1","a":2,"b":[1,2]}},{"resource":{"resourceType":"Patient","id":"2"}}]}',
    );
  });
});

describe('entry merge errors (msfc-compat §8.4)', () => {
  it('rejects a repeated non-object entry', () => {
    const error = mergeError('{"entry":[[1],[1]]}');
    expect(error.code).toBe('postprocess.json-merging');
    expect(error.location).toEqual({ path: 'entry[1]' });
  });

  it('rejects an object or array id, version or resource type', () => {
    expect(mergeError(`{"entry":[${patient('"id":{"x":1}')}]}`).location).toEqual({ path: 'entry[0].resource.id' });
    expect(mergeError(`{"entry":[${patient('"meta":{"versionId":[1]}')}]}`).code).toBe('postprocess.json-merging');
    expect(mergeError('{"entry":[{"resource":{"resourceType":["Patient"]}}]}').code).toBe('postprocess.json-merging');
  });
});

describe('deepEqual and equalityKey', () => {
  it('agree on every pair of a varied sample', () => {
    const sample = [
      '1', '1.0', '-0.0', '0.0', '0', '"1"', 'null', 'true', 'false', '12345678901234567890', '[1,2]', '[2,1]', '[1,2,3]',
      '{"a":1,"b":[1]}', '{"b":[1],"a":1}', '{"a":1}', '{"a":1.0,"b":[1]}', '{"a":1,"c":[1]}', '[{"a":1}]',
    ].map((t) => parseLenientJson(`{"x":${t}}`).get('x') as JsonNode);
    for (const a of sample) {
      for (const b of sample) expect(deepEqual(a, b)).toBe(equalityKey(a) === equalityKey(b));
    }
    expect(deepEqual(sample[13], sample[14])).toBe(true);
    expect(deepEqual(sample[10], sample[11])).toBe(false);
  });

  it('distinguishes types and normalises what .NET considers equal', () => {
    const key = (n: JsonNode): string => equalityKey(n);
    expect(key(1)).not.toBe(key(new NetDouble(1)));
    expect(key('1')).not.toBe(key(1));
    expect(key(new NetDouble(0))).toBe(key(new NetDouble(-0)));
    expect(key(12345678901234567890n)).toBe('i12345678901234567890');
    expect(key(null)).not.toBe(key('null'));
  });
});
