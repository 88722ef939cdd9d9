import type { Issue } from '../../pipelines/contracts/index.js';
import type { TerminologyService } from '../terminology/terminology-service.js';

/** An element instance met while checking a profile. */
export interface Instance {
  value: unknown;
  expression: string;
  /** Concrete type from a choice key suffix (`Quantity` for `valueQuantity`). */
  type?: string;
}

/** What the profile checker needs, for one validated resource. */
export interface ProfileCheckEnv {
  terminology: TerminologyService;
  /** ValueSet of the core binding at a snapshot path (profile bindings equal to it are left to terminology). */
  coreBinding(path: string): string | undefined;
  /** URL of the profile being checked (named in every message). */
  profileUrl: string;
  out: Issue[];
}
