import { formatDotNetDouble } from '../runtime/dotnet-text.js';
import { NetDecimal, NetDouble } from '../runtime/values.js';
import type { FilterSpec } from './define.js';
import { defineFilter } from './define.js';
import { parseDotNetDouble } from './dotnet-number.js';
import { createArgumentError } from './filter-error.js';

/** Math converter filters (msfc-compat §7.5): doubles in, `NetDouble` out; the engine coerces nil to 0. */

const double = (value: unknown): number => Number(value ?? 0);
const Y_PARAM = { name: 'y', type: 'double' } as const;

function unary(name: string, summary: string, op: (x: number) => number, example: [string, string]): FilterSpec {
  return defineFilter({
    name,
    family: 'math',
    summary,
    input: 'double',
    params: [],
    fn: (input: unknown): unknown => new NetDouble(op(double(input))),
    examples: [{ template: example[0], output: example[1] }],
  });
}

function binary(name: string, summary: string, op: (x: number, y: number) => number, example: [string, string]): FilterSpec {
  return defineFilter({
    name,
    family: 'math',
    summary,
    input: 'double',
    params: [Y_PARAM],
    fn: (input: unknown, y: unknown): unknown => new NetDouble(op(double(input), double(y))),
    examples: [{ template: example[0], output: example[1] }],
  });
}

function signOf(x: number): number {
  if (Number.isNaN(x)) {
    throw createArgumentError('sign', 'the input is NaN', 'Check the value with is_na_n before taking its sign.');
  }
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

export const ABS = unary('abs', 'Absolute value (double).', Math.abs, ['{{ -2.5 | abs }}', '2.5']);
export const POW = binary('pow', 'Input raised to the power y (double).', Math.pow, ['{{ 2 | pow: 10 }}', '1024']);
export const SIGN = unary('sign', '-1, 0 or 1 as a double; NaN → error.', signOf, ['{{ -7 | sign }}', '-1']);
export const TRUNCATE_NUMBER = unary('truncate_number', 'Rounds toward zero (-0.5 → -0).', Math.trunc, [
  '{{ -2.7 | truncate_number }}',
  '-2',
]);
export const DIVIDE = binary('divide', 'Double division (x/0 → Infinity).', (x, y) => x / y, [
  '{{ 1 | divide: 4 }}',
  '0.25',
]);

export const RANDOM = defineFilter({
  name: 'random',
  family: 'math',
  summary: 'A random double r with 0 ≤ r < max; the input is ignored. Non-deterministic.',
  input: 'any',
  params: [{ name: 'max', type: 'double' }],
  fn: (_input: unknown, max: unknown): unknown => new NetDouble(Math.random() * double(max)),
});

/** .NET `ToString()` of a scalar; undefined for nil and non-scalars, whose text never parses as a number. */
function numberText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof NetDouble || value instanceof NetDecimal) return formatDotNetDouble(value.value);
  return undefined;
}

export const IS_NA_N = defineFilter({
  name: 'is_na_n',
  family: 'math',
  summary: "True when the input's text parses as a number (the reference's inverted meaning); nil → false.",
  input: 'any',
  params: [],
  fn(input: unknown): unknown {
    const text = numberText(input);
    return text !== undefined && parseDotNetDouble(text) !== undefined;
  },
  examples: [
    { template: "{{ '12.5' | is_na_n }}", output: 'true' },
    { template: "{{ 'abc' | is_na_n }}", output: 'false' },
  ],
});

/** The §7.5 filters. */
export const MATH_FILTERS: FilterSpec[] = [ABS, POW, SIGN, TRUNCATE_NUMBER, DIVIDE, RANDOM, IS_NA_N];
