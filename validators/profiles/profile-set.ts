import type { StructureDefinitionJson } from '../model/fhir-definitions.js';

/**
 * StructureDefinitions a validator applies on top of the core types: user profiles (applied to every resource of
 * their type) and known profiles (US Core 5.0.1 and any loaded package), applied when claimed in `meta.profile`.
 */
export class ProfileSet {
  readonly known = new Map<string, StructureDefinitionJson>();
  readonly forced: StructureDefinitionJson[] = [];

  /** Registers a profile; `force` applies it to every resource of its type. */
  add(sd: StructureDefinitionJson, force: boolean): void {
    this.known.set(sd.url, sd);
    if (force) this.forced.push(sd);
  }

  /** Profiles that apply to a resource: forced ones for its type plus known ones it claims. */
  applicable(resourceType: string, claimed: readonly unknown[] | undefined): StructureDefinitionJson[] {
    const out = this.forced.filter((sd) => sd.type === resourceType);
    for (const url of claimed ?? []) {
      const sd = typeof url === 'string' ? this.known.get(url.split('|')[0]) : undefined;
      if (sd && sd.type === resourceType && !out.includes(sd)) out.push(sd);
    }
    return out;
  }
}
