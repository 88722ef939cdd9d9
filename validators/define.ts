import type { FhirResource, Issue } from '../pipelines/contracts/index.js';
import type { TypeRegistry } from './model/type-registry.js';
import type { WalkResult } from './model/walk.js';
import type { TerminologyService } from './terminology/terminology-service.js';
import type { ProfileSet } from './profiles/profile-set.js';

/** Options after defaults are applied. */
export interface ResolvedValidatorOptions {
  checkInvariants: boolean;
  terminology: boolean;
}

/**
 * What every validator family receives for one `validate()` call. The walk is computed once and shared;
 * registry, terminology and profiles are built once per {@link createValidator} instance.
 */
export interface ValidationContext {
  root: FhirResource;
  walk: WalkResult;
  registry: TypeRegistry;
  terminology: TerminologyService;
  profiles: ProfileSet;
  options: ResolvedValidatorOptions;
}

/** A validator family. `validate` is called once per validated resource or bundle; it must not mutate the input. */
export interface ValidatorSpec {
  name: string;
  summary: string;
  description: string;
  validate(ctx: ValidationContext): Issue[];
}

/** Declares a validator family; the spec drives the registry and docs. */
export function defineValidator(spec: ValidatorSpec): ValidatorSpec {
  return spec;
}
