import type { Issue } from '../contracts/issue.js';
import type { FhirResource } from '../contracts/fhir.js';
import { createValidator } from '../../validators/index.js';
import type { ValidatorOptions } from '../../validators/index.js';

/** The validate step of a conversion: loads definitions once, then validates each bundle. */
export function createValidationStep(options?: ValidatorOptions): (bundle: Record<string, unknown>) => Issue[] {
  const validator = createValidator(options);
  return (bundle) => validator.validate(bundle as FhirResource);
}
