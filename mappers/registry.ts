import type { MapperSpec } from '../pipelines/contracts/mapper.js';
import { hl7v2Mapper } from './hl7v2/index.js';
import { ccdaMapper } from './ccda/index.js';

/** Every input format the engine reads, by name. Adding a mapper adds one line here. */
export const MAPPERS: Record<string, MapperSpec> = {
  hl7v2: hl7v2Mapper as MapperSpec,
  ccda: ccdaMapper as MapperSpec,
};
