import type { MapperSpec, UnusedField } from '../contracts/mapper.js';
import { unknownCcdaTemplates } from '../../templates/ccda/unknown-templates.js';

/**
 * Lossiness reports that depend on the built-in collection rather than on read tracking in the model
 * (C-CDA: section and entry templates the built-in collection does not map).
 */
const BUILT_IN_COLLECTION_LOSSINESS: Record<string, (model: unknown) => UnusedField[]> = {
  ccda: (model) => unknownCcdaTemplates(model as Record<string, unknown>),
};

/**
 * What a conversion dropped: the mapper's own read tracking when it has one (HL7v2), else the built-in collection's
 * report when only the built-in collection was used; undefined when neither applies.
 */
export function unusedFieldsOf(mapper: MapperSpec, model: unknown, builtInOnly: boolean): UnusedField[] | undefined {
  if (mapper.unusedFields !== undefined) return mapper.unusedFields(model);
  if (!builtInOnly || !Object.hasOwn(BUILT_IN_COLLECTION_LOSSINESS, mapper.name)) return undefined;
  return BUILT_IN_COLLECTION_LOSSINESS[mapper.name](model);
}
