import type { FilterSpec } from './define.js';

/** Converter filters (msfc-compat §7), registered on top of the standard DotLiquid filters. */
export const CONVERTER_FILTERS: FilterSpec[] = [];
