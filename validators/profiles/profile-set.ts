import type { CodeSystemJson, StructureDefinitionJson, ValueSetJson } from '../model/fhir-definitions.js';
import { indexProfile, mergeDifferential } from './profile-index.js';
import type { ProfileIndex } from './profile-index.js';

function canonicalOf(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}

/**
 * StructureDefinitions applied on top of the core types: forced profiles (user `--profile`, applied to every
 * resource of their type), known profiles (US Core 5.0.1, packages, core extras) applied when claimed in
 * `meta.profile`, and Extension definitions applied to every extension with their URL.
 */
export class ProfileSet {
  private readonly raw = new Map<string, StructureDefinitionJson>();
  private readonly indexes = new Map<string, ProfileIndex | null>();
  private readonly forcedUrls: string[] = [];
  /** ValueSets and CodeSystems shipped in loaded packages or profile folders, by canonical URL. */
  readonly valueSets = new Map<string, ValueSetJson>();
  readonly codeSystems = new Map<string, CodeSystemJson>();

  /** Registers a StructureDefinition; `force` applies it to every resource of its type. */
  add(sd: StructureDefinitionJson, force: boolean): void {
    this.raw.set(sd.url, sd);
    this.indexes.delete(sd.url);
    if (force && !this.forcedUrls.includes(sd.url)) this.forcedUrls.push(sd.url);
  }

  has(url: string): boolean {
    return this.raw.has(canonicalOf(url));
  }

  /** Marks a known profile as forced. */
  force(url: string): void {
    if (!this.forcedUrls.includes(url)) this.forcedUrls.push(url);
  }

  /** The element index of a known profile (built once, on first use). */
  index(url: string): ProfileIndex | undefined {
    const key = canonicalOf(url);
    const hit = this.indexes.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const sd = this.raw.get(key);
    const built = sd ? indexProfile(sd, this.elementsOf(sd, 0)) : undefined;
    this.indexes.set(key, built ?? null);
    return built;
  }

  private elementsOf(sd: StructureDefinitionJson, depth: number): NonNullable<StructureDefinitionJson['snapshot']>['element'] {
    if (sd.snapshot) return sd.snapshot.element;
    const diff = sd.differential?.element ?? [];
    const base = sd.baseDefinition ? this.raw.get(sd.baseDefinition) : undefined;
    return base && depth < 8 ? mergeDifferential(this.elementsOf(base, depth + 1), diff) : diff;
  }

  /** Profiles that apply to a resource: forced ones for its type plus known ones it claims in meta.profile. */
  applicable(resourceType: string, claimed: readonly unknown[] | undefined): ProfileIndex[] {
    if (this.forcedUrls.length === 0 && (claimed === undefined || claimed.length === 0)) return [];
    const urls = [...this.forcedUrls];
    for (const url of claimed ?? []) if (typeof url === 'string' && !urls.includes(url.split('|')[0])) urls.push(url.split('|')[0]);
    return urls.map((u) => this.index(u)).filter((p): p is ProfileIndex => p !== undefined && p.type === resourceType);
  }
}
