import { ConversionError, changeType, netTypeOf, roundHalfEven } from '../runtime/convert.js';
import { renderError } from '../runtime/render-error.js';
import { toOutputText } from '../runtime/to-text.js';
import { NetDecimal } from '../runtime/values.js';
import { defineFilter } from './define.js';
import type { FilterSpec } from './define.js';

type IntOp = (a: number, b: number) => number;

function mathError(what: string): Error {
  return renderError('render.invalid-math', `Arithmetic failed: ${what}`, 'Make sure both operands are numbers (convert strings with plus: 0.0 or to_double).');
}

function toDecimal(value: unknown): number {
  try {
    return (changeType(value, 'decimal') as NetDecimal).value;
  } catch (err) {
    if (err instanceof ConversionError) throw mathError('operand is not a number');
    throw err;
  }
}

const clean = (n: number): number => (Number.isFinite(n) ? Number(n.toPrecision(15)) : n);

/**
 * DotLiquid math (msfc-compat §6.9): nil either side → nil; a double/decimal operand makes both decimal; int with
 * int stays int (overflow → error); anything else → error.
 */
function doMath(input: unknown, operand: unknown, intOp: IntOp, decOp: IntOp): unknown {
  if (input === null || input === undefined || operand === null || operand === undefined) return null;
  const ti = netTypeOf(input);
  const to = netTypeOf(operand);
  if (ti === 'double' || ti === 'decimal' || to === 'double' || to === 'decimal') {
    return new NetDecimal(clean(decOp(toDecimal(input), toDecimal(operand))));
  }
  if (ti !== 'int' || to !== 'int') throw mathError('operands of these types cannot be combined');
  const result = intOp(input as number, operand as number);
  if (!Number.isSafeInteger(result)) throw mathError('integer overflow');
  return result;
}

function checkedDivisor(b: number): number {
  if (b === 0) throw mathError('division by zero');
  return b;
}

const math = (name: string, summary: string, fn: (input: unknown, operand: unknown) => unknown): FilterSpec =>
  defineFilter({ name, family: 'standard', summary, input: 'any', params: [{ name: 'operand', type: 'any' }], fn });

function roundDecimal(value: number, places: number): number {
  const factor = 10 ** places;
  return clean(roundHalfEven(clean(value * factor)) / factor);
}

function parseDecimalText(input: unknown): number | undefined {
  if (input === null || input === undefined) throw mathError('nil input');
  const text = toOutputText(input).trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

function minMax(pick: (a: number, b: number) => number): (input: unknown, operand: unknown) => unknown {
  return (input, operand) => {
    if (input === null || input === undefined) return null;
    const a = toDecimal(input);
    const b = toDecimal(operand);
    const r = pick(a, b);
    return Number.isInteger(r) && netTypeOf(input) !== 'decimal' && netTypeOf(operand) !== 'decimal' ? r : new NetDecimal(r);
  };
}

/** DotLiquid20 math filters (msfc-compat §6.9). `abs` comes from the converter filters (§7.5). */
export const STANDARD_MATH_FILTERS: FilterSpec[] = [
  math('plus', 'Adds; a string input concatenates.', (i, o) =>
    typeof i === 'string' ? i + toOutputText(o) : doMath(i, o, (a, b) => a + b, (a, b) => a + b),
  ),
  math('minus', 'Subtracts.', (i, o) => doMath(i, o, (a, b) => a - b, (a, b) => a - b)),
  math('times', 'Multiplies; a string times an integer repeats it.', (i, o) =>
    typeof i === 'string' && netTypeOf(o) === 'int' ? i.repeat(Math.max(0, o as number)) : doMath(i, o, (a, b) => a * b, (a, b) => a * b),
  ),
  math('divided_by', 'Divides; integer division truncates.', (i, o) =>
    doMath(i, o, (a, b) => Math.trunc(a / checkedDivisor(b)), (a, b) => a / checkedDivisor(b)),
  ),
  math('modulo', 'Remainder.', (i, o) => doMath(i, o, (a, b) => a % checkedDivisor(b), (a, b) => a % checkedDivisor(b))),
  defineFilter({ name: 'round', family: 'standard', summary: 'Rounds half to even to a number of places.', input: 'any', params: [{ name: 'places', type: 'any', default: null }], fn: (i: unknown, p: unknown) => {
    try {
      const places = p === null || p === undefined ? 0 : Number(changeType(p, 'int'));
      return new NetDecimal(roundDecimal(toDecimal(i), places));
    } catch {
      return null;
    }
  } }),
  defineFilter({ name: 'ceil', family: 'standard', summary: 'Rounds up.', input: 'any', params: [], fn: (i: unknown) => {
    const n = parseDecimalText(i);
    return n === undefined ? null : new NetDecimal(Math.ceil(n));
  } }),
  defineFilter({ name: 'floor', family: 'standard', summary: 'Rounds down.', input: 'any', params: [], fn: (i: unknown) => {
    const n = parseDecimalText(i);
    return n === undefined ? null : new NetDecimal(Math.floor(n));
  } }),
  math('at_least', 'The larger of input and operand.', minMax(Math.max)),
  math('at_most', 'The smaller of input and operand.', minMax(Math.min)),
];
