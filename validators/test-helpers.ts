import type { FhirResource, Issue } from '../pipelines/contracts/index.js';
import { createValidator } from './index.js';
import type { FhirValidator, ValidatorOptions } from './index.js';

let shared: FhirValidator | undefined;

/** A validator with default options, shared by the unit tests of one file. */
export function defaultValidator(): FhirValidator {
  shared ??= createValidator();
  return shared;
}

/** Validates and renders issues as `severity expression rule` lines (for readable assertions). */
export function issueLines(resource: unknown, options?: ValidatorOptions, minSeverity: 'error' | 'all' = 'error'): string[] {
  const v = options ? createValidator(options) : defaultValidator();
  return v
    .validate(resource as FhirResource)
    .filter((i: Issue) => minSeverity === 'all' || i.severity === 'error' || i.severity === 'fatal')
    .map((i: Issue) => `${i.severity} ${i.expression?.[0] ?? ''} ${i.details.coding?.[0]?.code ?? i.code}`);
}
