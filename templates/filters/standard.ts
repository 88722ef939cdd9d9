import type { FilterSpec } from './define.js';
import { STANDARD_COLLECTION_FILTERS } from './standard-collection.js';
import { CURRENCY_FILTER } from './standard-currency.js';
import { withStandardExamples } from './standard-examples.js';
import { STANDARD_MATH_FILTERS } from './standard-math.js';
import { STANDARD_STRING_FILTERS } from './standard-string.js';

/** DotLiquid 2.2 standard filters with DotLiquid20 behaviour (msfc-compat §6.9), registered below the converter filters. */
export const STANDARD_FILTERS: FilterSpec[] = withStandardExamples([
  ...STANDARD_STRING_FILTERS,
  ...STANDARD_MATH_FILTERS,
  ...STANDARD_COLLECTION_FILTERS,
  CURRENCY_FILTER,
]);
