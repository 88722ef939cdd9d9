import type { Issue } from '../contracts/issue.js';
import type { FhirResource } from '../contracts/fhir.js';
import { createValidator } from '../../validators/index.js';
import type { EntryOrigin, ValidatorOptions } from '../../validators/index.js';

/** Where a bundle came from, so every issue can name the template and the input position. */
export interface BundleOrigin {
  template?: string;
  position?: string;
}

/** A validate step: the bundle, and optionally where it came from. */
export type ValidationStep = (bundle: Record<string, unknown>, origin?: BundleOrigin) => Issue[];

/** The validate step of a conversion: loads definitions once, then validates each bundle. */
export function createValidationStep(options?: ValidatorOptions): ValidationStep {
  const validator = createValidator(options);
  return (bundle, origin) => {
    const entries = Array.isArray(bundle.entry) ? bundle.entry.length : 0;
    const origins: EntryOrigin[] | undefined = origin ? new Array<EntryOrigin>(entries).fill(origin) : undefined;
    return validator.validate(bundle as FhirResource, origins);
  };
}
