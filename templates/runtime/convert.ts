import { liquidDateText } from './dotnet-date.js';
import { formatNumber } from './to-text.js';
import { NetDecimal, NetDouble } from './values.js';

/** .NET runtime type class of a value, as far as conversions care (msfc-compat §6.6, §6.8). */
export type NetType = 'nil' | 'string' | 'int' | 'double' | 'decimal' | 'bool' | 'date' | 'object';

const TYPEOF_TO_NET: Record<string, NetType> = { string: 'string', boolean: 'bool' };

export function netTypeOf(value: unknown): NetType {
  if (value === null || value === undefined) return 'nil';
  const kind = typeof value;
  if (kind === 'number') return Number.isInteger(value) ? 'int' : 'double';
  const primitive = TYPEOF_TO_NET[kind];
  if (primitive) return primitive;
  if (value instanceof NetDouble) return 'double';
  if (value instanceof NetDecimal) return 'decimal';
  if (value instanceof Date) return 'date';
  return 'object';
}

/** Thrown when a .NET `Convert.ChangeType` would fail. */
export class ConversionError extends Error {
  override readonly name = 'ConversionError';
}

const INT_TEXT = /^\s*[+-]?\d+\s*$/;
const FLOAT_TEXT = /^\s*[+-]?(?:\d[\d,]*)?(?:\.\d*)?(?:[eE][+-]?\d+)?\s*$/;

function parseFloatText(text: string): number {
  if (!FLOAT_TEXT.test(text) || !/\d/.test(text)) throw new ConversionError('not a number');
  return Number(text.replace(/,/g, '').trim());
}

/** .NET `Math.Round(x)` / `Convert.ToInt32` rounding: half to even. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function toNumberValue(value: unknown, target: 'int' | 'double' | 'decimal'): number {
  const type = netTypeOf(value);
  let n: number;
  if (type === 'string') n = target === 'int' ? parseIntText(value as string) : parseFloatText(value as string);
  else if (type === 'bool') n = value ? 1 : 0;
  else if (type === 'nil' || type === 'object') throw new ConversionError('not convertible');
  else n = Number(value);
  if (target === 'int' && !Number.isInteger(n)) n = roundHalfEven(n);
  if (target === 'int' && !Number.isSafeInteger(n)) throw new ConversionError('overflow');
  return n;
}

function parseIntText(text: string): number {
  if (!INT_TEXT.test(text)) throw new ConversionError('not an integer');
  return Number(text.trim());
}

function toBool(value: unknown): boolean {
  const type = netTypeOf(value);
  if (type === 'bool') return value as boolean;
  if (type === 'string') {
    const t = (value as string).trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    throw new ConversionError('not a boolean');
  }
  if (type === 'int' || type === 'double' || type === 'decimal') return Number(value) !== 0;
  throw new ConversionError('not convertible');
}

/**
 * .NET text of a primitive (`5` → `"5"`, `true` → `"True"`, a date → `MM/dd/yyyy HH:mm:ss` in `timeZone`); objects
 * are not convertible.
 */
export function toNetString(value: unknown, timeZone = 'UTC'): string {
  const type = netTypeOf(value);
  if (type === 'date') return liquidDateText(value as Date, timeZone);
  if (type === 'string') return value as string;
  if (type === 'bool') return value ? 'True' : 'False';
  if (type === 'int' || type === 'double' || type === 'decimal') return formatNumber(value as number);
  throw new ConversionError('not convertible');
}

const CONVERTERS: Partial<Record<NetType, (value: unknown) => unknown>> = {
  string: (v) => toNetString(v),
  int: (v) => toNumberValue(v, 'int'),
  double: (v) => new NetDouble(toNumberValue(v, 'double')),
  decimal: (v) => new NetDecimal(toNumberValue(v, 'decimal')),
  bool: toBool,
};

/** .NET `Convert.ChangeType(value, target)` for the value model's primitive types; throws {@link ConversionError}. */
export function changeType(value: unknown, target: NetType): unknown {
  const convert = CONVERTERS[target];
  if (!convert) throw new ConversionError('not convertible');
  return convert(value);
}

/** Primitive JS value used to compare two values of the same {@link NetType}. */
export function primitiveOf(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  return value instanceof NetDouble || value instanceof NetDecimal ? value.value : value;
}

/** .NET `object.Equals`: same runtime type and value (objects by identity). */
export function objectEquals(a: unknown, b: unknown): boolean {
  const ta = netTypeOf(a);
  if (ta !== netTypeOf(b)) return false;
  if (ta === 'nil') return true;
  return ta === 'object' ? a === b : primitiveOf(a) === primitiveOf(b);
}

/**
 * Liquid `==` (msfc-compat §6.6): nil equals only nil; same type → value equality; otherwise convert right to the
 * left type, then left to the right type; both failing → false.
 */
export function liquidEquals(a: unknown, b: unknown): boolean {
  const ta = netTypeOf(a);
  const tb = netTypeOf(b);
  if (ta === 'nil' || tb === 'nil') return ta === tb;
  if (ta === tb) return ta === 'object' ? a === b : primitiveOf(a) === primitiveOf(b);
  try {
    return primitiveOf(a) === primitiveOf(changeType(b, ta));
  } catch {
    try {
      return primitiveOf(changeType(a, tb)) === primitiveOf(b);
    } catch {
      return false;
    }
  }
}
