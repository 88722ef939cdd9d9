import { EngineError } from '../../pipelines/contracts/errors.js';

const INT_LIKE = /^\s*[+-]?\d+\s*$/;
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/**
 * Integer-like drop key (msfc-compat §3.3: parses as a .NET int, sign/leading zeros/surrounding spaces allowed).
 * Returns the integer, or undefined when the key is not integer-like.
 */
export function integerKey(key: string | number): number | undefined {
  if (typeof key === 'number') return Number.isInteger(key) ? key : undefined;
  if (!INT_LIKE.test(key)) return undefined;
  const n = Number(key.trim());
  return n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
}

/** The `render.property-not-found` error of HL7v2 drops (msfc-compat §3.3, reference code 1302). */
export function propertyNotFound(key: string | number, drop: string): EngineError {
  return new EngineError('render.property-not-found', `Property '${String(key)}' not found on an HL7v2 ${drop}.`, {
    stage: 'render',
    location: { path: String(key) },
    suggestion: `Use .Value, a ${drop === 'component' ? 'subcomponent' : drop === 'field' ? 'component' : 'field'} number, or the list property; size/first/last work only on the lists (Fields, Components, Repeats, Subcomponents).`,
    ref: 'msfc-compat §3.3',
  });
}
