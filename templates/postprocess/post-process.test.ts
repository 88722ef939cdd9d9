import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../pipelines/contracts/index.js';
import { formatIndentedJson, postProcess } from './index.js';

function failure(text: string): { code: string; stage: string; suggestion?: string; location?: unknown } {
  try {
    postProcess(text);
  } catch (error) {
    expect(isEngineError(error)).toBe(true);
    return error as { code: string; stage: string };
  }
  throw new Error('expected postProcess to fail');
}

describe('postProcess end to end (msfc-compat §1.1 steps 7–8, §8)', () => {
  it('turns typical template output into the pruned, merged, indented bundle', () => {
    const rendered = [
      '{',
      '  "resourceType": "Bundle",',
      '  "type": "batch",',
      '  "entry": [',
      '    {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1",',
      '      "name": [{"family": "Doe", "given": ["Jan", ""],},],',
      '      "birthDate": "", "telecom": [{"value": ""}], "active": true,',
      '    },},',
      '    {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1",',
      '      "name": [{"family": "Doe", "given": ["Jan"]}], "gender": "female", "active": null}},',
      '  ],',
      '}',
    ].join('\n');
    const result = postProcess(rendered);
    expect(result.json).toBe(
      [
        '{',
        '  "resourceType": "Bundle",',
        '  "type": "batch",',
        '  "entry": [',
        '    {',
        '      "fullUrl": "urn:uuid:p1",',
        '      "resource": {',
        '        "resourceType": "Patient",',
        '        "id": "p1",',
        '        "name": [',
        '          {',
        '            "family": "Doe",',
        '            "given": [',
        '              "Jan"',
        '            ]',
        '          }',
        '        ],',
        '        "active": true,',
        '        "gender": "female"',
        '      }',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
    expect(result.value).toEqual(JSON.parse(result.json));
  });

  it('prints doubles as written in number form: 2.0 stays 2.0, 1.50 becomes 1.5, 1e2 becomes 100.0', () => {
    const result = postProcess('{"a": 2.0, "b": 1.50, "c": 1e2, "d": 7, "e": 0.00001}');
    expect(result.json).toBe('{\n  "a": 2.0,\n  "b": 1.5,\n  "c": 100.0,\n  "d": 7,\n  "e": 1E-05\n}');
    expect(result.value).toEqual({ a: 2, b: 1.5, c: 100, d: 7, e: 0.00001 });
  });

  it('rejects a zero-padded exponent such as .NET prints, since the exponent grammar has no leading zeros', () => {
    expect(failure('{"a": 1E-05}').code).toBe('postprocess.json-parsing');
    expect(postProcess('{"a": [1E-5, 1e+0]}').json).toBe('{\n  "a": [\n    1E-05,\n    1.0\n  ]\n}');
  });

  it('keeps big integers exact in the text and approximate in the value', () => {
    const result = postProcess('{"n": 123456789012345678901}');
    expect(result.json).toBe('{\n  "n": 123456789012345678901\n}');
    expect(result.value.n).toBe(123456789012345678901);
  });

  it('prints an overflowing double as Newtonsoft does, and the value agrees with the text', () => {
    const result = postProcess('{"n": 1e400, "m": -1e400}');
    expect(result.json).toBe('{\n  "n": "Infinity",\n  "m": "-Infinity"\n}');
    expect(result.value).toEqual({ n: 'Infinity', m: '-Infinity' });
  });

  it('re-escapes strings the Newtonsoft way', () => {
    const result = postProcess('{"s": "a\\u0041\\/\\u00e9\\u2028\\u0007\\t"}');
    expect(result.json).toBe('{\n  "s": "aA/é\\u2028\\u0007\\t"\n}');
    expect(result.value.s).toBe('aA/é\u2028\u0007\t');
  });

  it('returns {} when everything is empty', () => {
    const result = postProcess('{"entry": [{"resource": {"id": ""}}], "x": [[], {}]}');
    expect({ value: result.value, json: result.json }).toEqual({ value: {}, json: '{}' });
  });

  it('keeps a __proto__ key as an own property of the value', () => {
    const { value } = postProcess('{"__proto__": {"polluted": 1}}');
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('passes maxDepth through', () => {
    expect(() => postProcess('{"a":{"b":{"c":1}}}', { maxDepth: 2 })).toThrow(/maximum depth of 2/);
    expect(postProcess('{"a":{"b":{"c":1}}}', { maxDepth: 3 }).value).toEqual({ a: { b: { c: 1 } } });
  });
});

describe('postProcess errors', () => {
  it('throws postprocess.json-parsing with stage, location and suggestion', () => {
    const error = failure('{"a": 1\n "b": 2}');
    expect(error).toMatchObject({ code: 'postprocess.json-parsing', stage: 'postprocess', location: { line: 2, col: 2 } });
    expect(error.suggestion).toBeTruthy();
  });

  it('throws postprocess.json-merging for a repeated non-object entry', () => {
    expect(failure('{"entry": ["x", "x"]}')).toMatchObject({ code: 'postprocess.json-merging', stage: 'postprocess' });
  });
});

describe('formatIndentedJson', () => {
  it('formats edited plain values in the same style as postProcess', () => {
    const { value, json } = postProcess('{"a": [1, {"b": "c"}], "d": {"e": null}}');
    expect(formatIndentedJson(value)).toBe(json);
  });

  it('formats nested empty containers', () => {
    expect(formatIndentedJson({ a: [{}, []], b: {} })).toBe('{\n  "a": [\n    {},\n    []\n  ],\n  "b": {}\n}');
  });
});
