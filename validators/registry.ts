import type { ValidatorSpec } from './define.js';
import { invariantsValidator } from './invariants/invariants.js';
import { profilesValidator } from './profiles/profiles.js';
import { referencesValidator } from './references/references.js';
import { structureValidator } from './structure/structure.js';
import { terminologyValidator } from './terminology/terminology.js';

/** Every validator family, in run order. Keys equal the family folder names (asserted by registry.test.ts). */
export const VALIDATORS: Readonly<Record<string, ValidatorSpec>> = {
  structure: structureValidator,
  references: referencesValidator,
  terminology: terminologyValidator,
  invariants: invariantsValidator,
  profiles: profilesValidator,
};

/** Folders under validators/ that hold shared machinery, not a validator family. */
export const SUPPORT_FOLDERS: readonly string[] = ['model', 'mutation'];
