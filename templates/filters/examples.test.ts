import { describe, expect, it } from 'vitest';
import { formatDotNetDouble } from '../runtime/dotnet-text.js';
import { NetDecimal, NetDouble } from '../runtime/values.js';
import type { FilterSpec } from './define.js';
import { callFilter, createTestEnv } from './filter-test-env.js';
import { CONVERTER_FILTERS } from './index.js';

/**
 * Executes every declared example by calling the filters' `fn` directly. Supports the example subset
 * `{{ operand | filter[: arg, …] | … }}` with quoted strings, numbers, true/false/nil and data variables.
 */

const BY_NAME = new Map(CONVERTER_FILTERS.map((spec) => [spec.name, spec]));
const ARG = /\s*('[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|[A-Za-z_][\w.]*)\s*(?:,|$)/y;
const NON_DETERMINISTIC = new Set(['random', 'gzip', 'now']);

function literal(token: string, data: Record<string, unknown>): unknown {
  if (/^['"]/.test(token)) return token.slice(1, -1);
  if (/^-?\d+$/.test(token)) return Number(token);
  if (/^-?\d/.test(token)) return new NetDecimal(Number(token));
  const words: Record<string, unknown> = { true: true, false: false, nil: null };
  return token in words ? words[token] : data[token];
}

function splitArgs(text: string, data: Record<string, unknown>): unknown[] {
  const args: unknown[] = [];
  ARG.lastIndex = 0;
  while (ARG.lastIndex < text.length) {
    const m = ARG.exec(text);
    if (!m) throw new Error(`cannot parse example arguments: ${text}`);
    args.push(literal(m[1], data));
  }
  return args;
}

function render(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'boolean' ? (item ? 'True' : 'False') : render(item))).join('');
  if (value instanceof NetDouble) return formatDotNetDouble(value.value);
  if (value instanceof NetDecimal) return String(value.value);
  return String(value);
}

function runExample(template: string, data: Record<string, unknown>): string {
  const body = /^\{\{(.*)\}\}$/s.exec(template)?.[1];
  if (body === undefined) throw new Error(`not an output tag: ${template}`);
  const parts = body.split(/\|(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/);
  const env = createTestEnv();
  let value = splitArgs(parts[0].trim(), data)[0];
  for (const part of parts.slice(1)) {
    const [, name, rest = ''] = /^\s*(\w+)\s*(?::(.*))?$/s.exec(part) ?? [];
    const spec = BY_NAME.get(name);
    if (!spec) throw new Error(`unknown filter in example: ${name}`);
    value = callFilter(spec, env, value, ...splitArgs(rest.trim(), data));
  }
  return render(value);
}

const cases = CONVERTER_FILTERS.flatMap((spec) =>
  (spec.examples ?? []).map((example) => [spec.name, example] as const),
);

describe('declared filter examples', () => {
  it.each(cases)('%s: %j', (_name, example) => {
    expect(runExample(example.template, example.data ?? {})).toBe(example.output);
  });
});

describe('filter registry', () => {
  it('has unique names, summaries, and examples for deterministic filters', () => {
    const names = CONVERTER_FILTERS.map((spec: FilterSpec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of CONVERTER_FILTERS) {
      expect(spec.summary.length, spec.name).toBeGreaterThan(10);
      if (!NON_DETERMINISTIC.has(spec.name)) expect(spec.examples?.length ?? 0, spec.name).toBeGreaterThan(0);
    }
  });

  it('registers every filter of msfc-compat §7 this module owns', () => {
    const expected = [
      'get_property', 'generate_uuid', 'generate_id_input', 'evaluate', 'get_object',
      'to_json_string', 'char_at', 'contains', 'to_double', 'escape_special_chars', 'unescape_special_chars', 'match',
      'base64_encode', 'base64_decode', 'sha1_hash', 'gzip', 'gunzip_base64_string',
      'format_as_date_time', 'add_hyphens_date', 'add_seconds', 'format_as_hl7v2_date_time', 'now', 'date',
      'to_array', 'concat', 'abs', 'pow', 'sign', 'truncate_number', 'divide', 'random', 'is_na_n',
    ];
    expect([...BY_NAME.keys()].sort()).toEqual(expect.arrayContaining(expected.sort()));
  });
});
