import type { NetDateTime } from '../../templates/runtime/dotnet-date.js';

/** A value of the C-CDA `msg` model: strings, nil, detected dates, lists and insertion-ordered mappings. */
export type CcdaValue = string | null | NetDateTime | CcdaValue[] | CcdaMapping;

/** An insertion-ordered mapping (plain object) of the `msg` model. */
export interface CcdaMapping {
  [key: string]: CcdaValue;
}

/** The `msg` data model (msfc-compat §4.6): `?xml`, PIs, the root element, then `_originalData`. */
export type CcdaModel = CcdaMapping;

/** Sets a key keeping the first position on collisions (msfc-compat §4.5); safe for `__proto__`. */
export function setKey(target: CcdaMapping, key: string, value: CcdaValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
