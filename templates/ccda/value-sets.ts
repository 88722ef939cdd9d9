import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInCollectionDir } from '../collections.js';

/** One code-mapping table of `ValueSet/ValueSet.json` (msfc-compat §2.8): source code → properties. */
export type ValueSetTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

let cached: Readonly<Record<string, ValueSetTable>> | undefined;

/** The mapping tables of the built-in C-CDA collection, read once per process. */
export function ccdaValueSets(): Readonly<Record<string, ValueSetTable>> {
  if (!cached) {
    const file = join(builtInCollectionDir('ccda'), 'ValueSet', 'ValueSet.json');
    cached = (JSON.parse(readFileSync(file, 'utf8')) as { Mapping: Record<string, ValueSetTable> }).Mapping;
  }
  return cached;
}

/** `value` of `code` in table `name` (no `__default__` fallback), as the templates' `get_property: name, 'value'`. */
export function valueSetValue(name: string, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const table = ccdaValueSets()[name];
  return table && Object.hasOwn(table, code) ? table[code].value : undefined;
}
