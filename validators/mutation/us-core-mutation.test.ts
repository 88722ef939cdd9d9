import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { FhirResource } from '../../pipelines/contracts/index.js';
import { createValidator } from '../index.js';
import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import { TypeRegistry } from '../model/type-registry.js';
import { loadProfileSet } from '../profiles/load-profiles.js';
import { TerminologyService } from '../terminology/terminology-service.js';
import { generateMutants } from './generate.js';

const DIR = 'validators/profiles/us-core/examples';
const originals = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f, resource: JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as FhirResource }));
const defs = loadCoreDefinitions();
const env = { registry: new TypeRegistry(defs.structureDefinitions), terminology: new TerminologyService(defs), profiles: loadProfileSet([], []) };
const validator = createValidator();

describe('US Core 5.0.1 mutation suite (examples of every profile in validators/profiles/us-core)', () => {
  it('every unmutated example passes with zero errors', () => {
    for (const o of originals) expect(validator.validate(o.resource).filter((i) => i.severity === 'error'), o.name).toEqual([]);
  });

  it('catches every mutant at the right location, US Core profile violations included', () => {
    const mutants = generateMutants(originals, env, 1);
    const missed: string[] = [];
    for (const m of mutants) {
      const issues = validator.validate(m.resource);
      const hit = issues.some((i) => i.severity === 'error' && i.expression?.[0] === m.expression && i.details.coding?.[0]?.code === m.rule);
      if (!hit) missed.push(`${m.id} (${m.rule}) got: ${issues.map((i) => `${i.expression?.[0]}:${i.details.coding?.[0]?.code}`).join(' | ')}`);
    }
    const byOp: Record<string, number> = {};
    for (const m of mutants) byOp[m.operator] = (byOp[m.operator] ?? 0) + 1;
    console.log(mutants.length, JSON.stringify(byOp));
    expect(byOp['profile-value']).toBeGreaterThanOrEqual(30);
    expect(byOp['profile-slice']).toBeGreaterThanOrEqual(10);
    expect(byOp['profile-violation']).toBeGreaterThanOrEqual(30);
    expect(missed.slice(0, 40)).toEqual([]);
  });
});
