import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeMappingFile } from '../runtime/code-mapping.js';
import { callFilter, createTestEnv } from './filter-test-env.js';
import { GENERATE_ID_INPUT, GENERATE_UUID, GET_PROPERTY } from './general.js';

const mapping: CodeMappingFile = {
  mapping: {
    'CodeSystem/Gender': {
      F: { code: 'female', display: 'Female', system: 'http://hl7.org/fhir/administrative-gender' },
      E: { code: '', display: null },
      __default__: { code: 'unknown', display: 'Unknown' },
    },
    'CodeSystem/NoDefault': { A: { code: 'a' } },
  },
};
const env = createTestEnv('UTC', mapping);
const noMapping = createTestEnv();
const prop = (input: unknown, name: unknown, property?: unknown): unknown =>
  property === undefined ? callFilter(GET_PROPERTY, env, input, name) : callFilter(GET_PROPERTY, env, input, name, property);

describe('get_property (msfc-compat §2.8, §7.1)', () => {
  it('returns the mapped property, code by default', () => {
    expect(prop('F', 'CodeSystem/Gender')).toBe('female');
    expect(prop('F', 'CodeSystem/Gender', 'display')).toBe('Female');
    expect(prop('F', 'CodeSystem/Gender', 'system')).toBe('http://hl7.org/fhir/administrative-gender');
  });

  it('falls back to __default__ for unknown codes', () => {
    expect(prop('X', 'CodeSystem/Gender')).toBe('unknown');
    expect(prop('X', 'CodeSystem/Gender', 'display')).toBe('Unknown');
  });

  it('returns an empty string value as is, and falls back on null values', () => {
    expect(prop('E', 'CodeSystem/Gender')).toBe('');
    expect(prop('E', 'CodeSystem/Gender', 'display')).toBe('E');
  });

  it('falls back to the code for code/display and nil otherwise', () => {
    expect(prop('X', 'CodeSystem/Gender', 'system')).toBeNull();
    expect(prop('Z', 'CodeSystem/NoDefault')).toBe('Z');
    expect(prop('Z', 'CodeSystem/NoDefault', 'display')).toBe('Z');
    expect(prop('Z', 'CodeSystem/NoDefault', 'system')).toBeNull();
    expect(prop('F', 'CodeSystem/Unknown')).toBe('F');
    expect(callFilter(GET_PROPERTY, noMapping, 'F', 'CodeSystem/Gender', 'display')).toBe('F');
  });

  it('is case-sensitive', () => {
    expect(prop('f', 'CodeSystem/Gender')).toBe('unknown');
    expect(prop('F', 'codesystem/gender')).toBe('F');
    expect(prop('F', 'CodeSystem/Gender', 'Display')).toBeNull();
  });

  it('returns nil for nil/empty input, mapping name or property', () => {
    expect(prop(null, 'CodeSystem/Gender')).toBeNull();
    expect(prop('', 'CodeSystem/Gender')).toBeNull();
    expect(prop('F', '')).toBeNull();
    expect(prop('F', null)).toBeNull();
    expect(prop('F', 'CodeSystem/Gender', '')).toBeNull();
  });
});

describe('generate_uuid (msfc-compat §7.1)', () => {
  const uuid = (input: unknown): unknown => callFilter(GENERATE_UUID, env, input);

  it('formats SHA-256 bytes in .NET GUID order', () => {
    expect(uuid('hello')).toBe('ba4df22c-b05f-0ea3-26e8-3b2ac5b9e29e');
  });

  it('encodes lone surrogates as EF BF BD', () => {
    expect(uuid('a\ud800b')).toBe(uuid('a\ufffdb'));
  });

  it.each([null, undefined, '', '   ', '\u00a0\t', '\u0085'])('returns nil for blank input %j', (input) => {
    expect(uuid(input)).toBeNull();
  });

  it('treats U+FEFF as content, as .NET does', () => {
    expect(uuid('\ufeff')).toMatch(/^[0-9a-f]{8}-/);
  });

  it('is deterministic and GUID-shaped', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), (s) => {
        const first = uuid(s);
        expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(uuid(s)).toBe(first);
      }),
      { numRuns: 100 },
    );
  });
});

describe('generate_id_input (msfc-compat §7.1)', () => {
  const idInput = (...args: unknown[]): unknown => callFilter(GENERATE_ID_INPUT, env, ...(args as [unknown]));

  it('builds Type_input and Type_input_baseId with the input trimmed', () => {
    expect(idInput(' 123 \n', 'Patient', false)).toBe('Patient_123');
    expect(idInput('123', 'Encounter', true, 'abc')).toBe('Encounter_123_abc');
    expect(idInput('123', 'Encounter', false, 'abc')).toBe('Encounter_123_abc');
    expect(idInput('1  2', 'Patient', false, null)).toBe('Patient_1  2');
  });

  it('adds the separator for an empty, not-required base id', () => {
    expect(idInput('123', 'Patient', false, '')).toBe('Patient_123_');
  });

  it('returns nil for blank input before validating the rest', () => {
    expect(idInput('  ', '', true)).toBeNull();
    expect(idInput(null, 'Patient', false)).toBeNull();
  });

  it.each([
    ['123', '', false, null],
    ['123', null, false, null],
    ['123', 'Patient', true, null],
    ['123', 'Patient', true, ''],
  ])('rejects %j %j %j %j', (input, type, required, base) => {
    expect(() => idInput(input, type, required, base)).toThrow(
      expect.objectContaining({ code: 'render.invalid-id-generation-input', stage: 'render', suggestion: expect.any(String) }),
    );
  });
});
