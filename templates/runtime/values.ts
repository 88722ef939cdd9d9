/**
 * The value model templates see, shared by the Liquid runtime, the filters and the data models of the mappers.
 *
 * - JS `number`s that are integers are .NET integers (int/long); {@link NetDouble} and {@link NetDecimal} wrap the
 *   two floating kinds so formatting and arithmetic follow DotLiquid (msfc-compat §6.5, §9.1).
 * - Plain objects are ordered string-keyed mappings; arrays are ordinary lists (out-of-range index is an error).
 * - {@link SafeList} is the HL7 safe-list (out-of-range index is nil, prints nothing).
 * - {@link Drop} answers property lookups itself (HL7 model objects) and prints nothing.
 * - {@link KeyValuePair} is the item produced by iterating a mapping.
 */

/** A .NET System.Double. */
export class NetDouble {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/** A .NET System.Decimal (Liquid literals with a decimal point, results of decimal arithmetic). */
export class NetDecimal {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/** Item of a `for` loop over a mapping: answers `Key`/`0`, `Value`/`1`, and `<key>`. */
export class KeyValuePair {
  constructor(
    readonly key: string,
    readonly value: unknown,
  ) {}
}

/**
 * An object that answers lookups itself. `liquidGet` receives the path part as written (string) or an integer
 * (bracketed index). It returns `undefined` for nil and may throw an EngineError (`render.property-not-found`).
 */
export abstract class Drop {
  abstract liquidGet(key: string | number): unknown;
}

/** HL7 safe list: integer index out of range → nil; `size`/`first`/`last` work; prints nothing. */
export class SafeList<T = unknown> {
  constructor(readonly items: T[]) {}
  get size(): number {
    return this.items.length;
  }
  at(index: number): T | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.items.length ? this.items[index] : undefined;
  }
  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }
}

/** Liquid nil. */
export type Nil = null | undefined;

export function isNil(value: unknown): value is Nil {
  return value === null || value === undefined;
}

/** True for a plain ordered mapping (not a list, drop, pair, wrapper, or date). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Numeric value of int/double/decimal, or undefined for anything else. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof NetDouble || value instanceof NetDecimal) return value.value;
  return undefined;
}
