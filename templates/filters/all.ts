import type { FilterSpec } from './define.js';
import { CONVERTER_FILTERS } from './index.js';
import { HL7V2_FILTERS } from './hl7v2.js';
import { CCDA_FILTERS } from './ccda.js';

/** Every converter filter family; the reference registers all of them for every input format. */
export const ALL_FILTERS: FilterSpec[] = [...CONVERTER_FILTERS, ...HL7V2_FILTERS, ...CCDA_FILTERS];
