import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../pipelines/contracts/index.js';
import { loadCoreDefinitions, loadExtraDefinitions } from '../model/fhir-definitions.js';
import type { CodeSystemJson, StructureDefinitionJson, ValueSetJson } from '../model/fhir-definitions.js';
import { ProfileSet } from './profile-set.js';
import { readTarGz } from './tar-reader.js';

function structureDefinitionsIn(json: unknown): StructureDefinitionJson[] {
  const r = json as { resourceType?: string; entry?: { resource?: unknown }[] };
  if (Array.isArray(json)) return json.flatMap(structureDefinitionsIn);
  if (r?.resourceType === 'StructureDefinition') return [json as StructureDefinitionJson];
  if (r?.resourceType === 'Bundle') return (r.entry ?? []).flatMap((e) => structureDefinitionsIn(e.resource));
  return [];
}

function addTerminology(set: ProfileSet, json: unknown): void {
  const r = json as { resourceType?: string; url?: unknown; entry?: { resource?: unknown }[] };
  if (r?.resourceType === 'Bundle') for (const e of r.entry ?? []) addTerminology(set, e.resource);
  if (typeof r?.url !== 'string') return;
  if (r.resourceType === 'ValueSet') set.valueSets.set(r.url, json as ValueSetJson);
  if (r.resourceType === 'CodeSystem') set.codeSystems.set(r.url, json as CodeSystemJson);
}

function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new EngineError('validate.profile.invalid-json', `Profile file ${file} is not valid JSON`, {
      stage: 'validate', location: { file }, suggestion: 'Pass StructureDefinition JSON files, folders of them, or Bundles of them.', cause,
    });
  }
}

function jsonFilesUnder(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? jsonFilesUnder(join(path, d.name)) : d.name.endsWith('.json') ? [join(path, d.name)] : []));
}

function loadProfileArgument(set: ProfileSet, arg: string): void {
  if (/^https?:\/\//.test(arg)) {
    if (!set.has(arg)) {
      throw new EngineError('validate.profile.unknown', `Profile ${arg} is not known`, {
        stage: 'validate', location: { path: arg }, suggestion: 'Pass the StructureDefinition file or its package with --package, or use a US Core 5.0.1 / core profile URL.',
      });
    }
    set.force(arg.split('|')[0]);
    return;
  }
  let files: string[];
  try {
    files = jsonFilesUnder(arg);
  } catch (cause) {
    throw new EngineError('validate.profile.unreadable', `Cannot read profile path ${arg}`, { stage: 'validate', location: { file: arg }, suggestion: 'Check that the file or folder exists and is readable.', cause });
  }
  for (const file of files) {
    const json = parseJsonFile(file, readFileSync(file, 'utf8'));
    addTerminology(set, json);
    for (const sd of structureDefinitionsIn(json)) set.add(sd, sd.kind === 'resource' && sd.derivation === 'constraint');
  }
}

function loadPackage(set: ProfileSet, tgz: string): void {
  let files;
  try {
    files = readTarGz(readFileSync(tgz));
  } catch (cause) {
    throw new EngineError('validate.package.invalid', `Cannot read FHIR package ${tgz}`, { stage: 'validate', location: { file: tgz }, suggestion: 'Pass a FHIR NPM package tarball (.tgz) as published on packages.fhir.org.', cause });
  }
  for (const f of files.filter((x) => x.name.endsWith('.json') && !x.name.endsWith('package.json'))) {
    const json = parseJsonFile(`${tgz}!${f.name}`, f.content.toString('utf8'));
    addTerminology(set, json);
    for (const sd of structureDefinitionsIn(json)) set.add(sd, false);
  }
}

/** Builds the profile set: core extras and US Core 5.0.1 (claimed), packages (claimed), user profiles (forced). */
export function loadProfileSet(profiles: string[], packages: string[]): ProfileSet {
  const set = new ProfileSet();
  for (const sd of loadExtraDefinitions()) set.add(sd, false);
  for (const sd of loadCoreDefinitions().usCore) set.add(sd, false);
  for (const tgz of packages) loadPackage(set, tgz);
  for (const p of profiles) loadProfileArgument(set, p);
  return set;
}
