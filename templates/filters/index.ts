import { COLLECTION_FILTERS } from './collection.js';
import { DOTNET_DATE_FILTER } from './date-filter.js';
import { DATE_FILTERS } from './date.js';
import type { FilterSpec } from './define.js';
import { ENCODING_FILTERS } from './encoding.js';
import { GENERAL_FILTERS } from './general.js';
import { MATH_FILTERS } from './math.js';
import { STRING_FILTERS } from './string.js';

/**
 * Converter filters (msfc-compat §7), registered on top of the standard DotLiquid filters; a name here replaces
 * the standard filter of the same name (`date`, `abs`, `concat`, `contains`).
 */
export const CONVERTER_FILTERS: FilterSpec[] = [
  ...GENERAL_FILTERS,
  ...STRING_FILTERS,
  ...ENCODING_FILTERS,
  ...DATE_FILTERS,
  DOTNET_DATE_FILTER,
  ...COLLECTION_FILTERS,
  ...MATH_FILTERS,
  // HL7 v2 segment filters (msfc-compat §3.5) and C-CDA section filters (§4.7) are combined with these in all.ts.
];
