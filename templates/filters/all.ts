import type { FilterSpec } from './define.js';
import { CONVERTER_FILTERS } from './index.js';

/** Every converter filter family; the reference registers all of them for every input format. */
export const ALL_FILTERS: FilterSpec[] = [...CONVERTER_FILTERS];
