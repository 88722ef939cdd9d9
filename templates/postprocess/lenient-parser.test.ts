import { describe, expect, it } from 'vitest';
import { NetDouble } from '../runtime/values.js';
import type { JsonNode } from './json-tree.js';
import { parseLenientJson } from './lenient-parser.js';

function plain(node: JsonNode): unknown {
  if (node instanceof Map) return Object.fromEntries([...node].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(node)) return node.map(plain);
  if (node instanceof NetDouble) return { float: node.value };
  return node;
}

function parse(text: string, maxDepth?: number): unknown {
  return plain(parseLenientJson(text, maxDepth));
}

function parseError(text: string, maxDepth?: number): { code: string; message: string; location: unknown } {
  try {
    parseLenientJson(text, maxDepth);
  } catch (error) {
    return error as { code: string; message: string; location: unknown };
  }
  throw new Error('expected a parsing error');
}

describe('lenient grammar: commas (msfc-compat §8.2)', () => {
  it('accepts leading, repeated and trailing commas in objects', () => {
    expect(parse('{,,"a":1,,,"b":2,}')).toEqual({ a: 1, b: 2 });
  });

  it('accepts leading, repeated and trailing commas in arrays', () => {
    expect(parse('{"a":[,1,,2,,]}')).toEqual({ a: [1, 2] });
  });

  it('accepts a comma-only object and array', () => {
    expect(parse('{"a":[,,],"b":1,}')).toEqual({ b: 1 });
    expect(parse('{,}')).toEqual({});
  });

  it('stops after the first top-level object and ignores anything after it', () => {
    expect(parse('{"a":1} {"b":2} ]]] garbage')).toEqual({ a: 1 });
  });
});

describe('lenient grammar: errors (msfc-compat §8.2)', () => {
  it.each([
    ['missing comma between pairs', '{"a":1 "b":2}', "',' or '}'"],
    ['missing comma between items', '{"a":[1 2]}', "',' or ']'"],
    ['missing value', '{"a":}', 'a value'],
    ['missing colon', '{"a" 1}', "':'"],
    ['non-string key', '{a1:1}', "a property name or '}'"],
    ['unclosed object', '{"a":1', 'the end of the output'],
    ['mismatched bracket', '{"a":[1}', "',' or ']'"],
  ])('rejects %s', (_name, text, expected) => {
    const error = parseError(text);
    expect(error.code).toBe('postprocess.json-parsing');
    expect(error.message).toContain(expected);
  });

  it.each([['[1]'], ['"x"'], [''], ['   '], ['true']])('rejects a top level that is not an object: %j', (text) => {
    expect(parseError(text).message).toContain('expected the output to be a JSON object');
  });

  it('rejects a stream that lexing discards turned invalid', () => {
    expect(parseError('{"a": "x\n", "b": 1}').code).toBe('postprocess.json-parsing');
    expect(parseError('{"a": tru}').message).toContain('a value');
  });

  it('locates the offending token by 1-based line and column without echoing the text', () => {
    const error = parseError('{\n  "secret": 1\n  "other": 2\n}');
    expect(error.location).toEqual({ line: 3, col: 3 });
    expect(error.message).not.toContain('secret');
    expect(error.message).not.toContain('other');
  });

  it('accepts harmless junk the lexer discards', () => {
    expect(parse('\ufeff{"a": 1 xyz, "b": @2}')).toEqual({ a: 1, b: 2 });
  });
});

describe('empty pruning (msfc-compat §8.3)', () => {
  it('removes "" with its key and array slot', () => {
    expect(parse('{"a":"","b":["",1,""]}')).toEqual({ b: [1] });
  });

  it('removes empty objects and arrays recursively', () => {
    expect(parse('{"a":{"b":{"c":[{},[],[""]]}},"d":1}')).toEqual({ d: 1 });
  });

  it('keeps null, false, 0 and whitespace strings', () => {
    expect(parse('{"a":null,"b":false,"c":0,"d":" ","e":[null]}')).toEqual({
      a: null,
      b: false,
      c: 0,
      d: ' ',
      e: [null],
    });
  });

  it('returns an empty object when everything is pruned', () => {
    expect(parse('{"a":"","b":{"c":[]}}')).toEqual({});
  });

  it('lets the last value of a duplicate key win at the position of the first key', () => {
    const tree = parseLenientJson('{"a":1,"b":2,"a":{"x":3}}');
    expect([...tree.keys()]).toEqual(['a', 'b']);
    expect(plain(tree)).toEqual({ a: { x: 3 }, b: 2 });
  });

  it('prunes before duplicate keys are resolved, so an empty later value does not win', () => {
    expect(parse('{"a":1,"a":"","a":{}}')).toEqual({ a: 1 });
  });

  it('keeps integers and doubles apart and big integers exact', () => {
    const tree = parseLenientJson('{"i":2,"f":2.0,"e":1e2,"big":123456789012345678901234567890,"neg":-0}');
    expect(tree.get('i')).toBe(2);
    expect(tree.get('f')).toEqual(new NetDouble(2));
    expect(tree.get('e')).toEqual(new NetDouble(100));
    expect(tree.get('big')).toBe(123456789012345678901234567890n);
    expect(Object.is(tree.get('neg'), 0)).toBe(true);
  });
});

describe('depth limit (msfc-compat §10)', () => {
  const nested = (levels: number): string => '{"a":'.repeat(levels - 1) + '{"x":1' + '}'.repeat(levels);

  it('accepts 64 levels and rejects 65', () => {
    expect(() => parseLenientJson(nested(64))).not.toThrow();
    expect(parseError(nested(65)).message).toContain('maximum depth of 64');
  });

  it('measures depth after pruning', () => {
    const deepEmpty = '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + ',"b":1}';
    expect(parse(deepEmpty)).toEqual({ b: 1 });
  });

  it('honours a custom maximum', () => {
    expect(parseError(nested(4), 3).code).toBe('postprocess.json-parsing');
    expect(() => parseLenientJson(nested(3), 3)).not.toThrow();
  });

  it('reports a grammar error before a depth error', () => {
    expect(parseError(nested(70) + '', 64).message).toContain('maximum depth');
    expect(parseError(nested(70).slice(0, -1)).message).toContain('the end of the output');
  });
});
