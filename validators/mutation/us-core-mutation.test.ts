import { describe, it, expect } from 'vitest';
import { createValidator } from '../index.js';
import { generateMutants } from './generate.js';
import { coreOperatorEnv, countByOperator, loadOriginals, missedMutants } from './suite.js';

const DIR = 'validators/profiles/us-core/examples';
const originals = loadOriginals(DIR);
const env = coreOperatorEnv();
const validator = createValidator();

describe('US Core 5.0.1 mutation suite (examples of every profile in validators/profiles/us-core)', () => {
  it('every unmutated example passes with zero errors', () => {
    for (const o of originals) expect(validator.validate(o.resource).filter((i) => i.severity === 'error'), o.name).toEqual([]);
  });

  it('catches every mutant at the right location, US Core profile violations included', () => {
    const mutants = generateMutants(originals, env, 1);
    const missed = missedMutants(validator, mutants);
    const byOp = countByOperator(mutants);
    console.log(mutants.length, JSON.stringify(byOp));
    expect(byOp['profile-value']).toBeGreaterThanOrEqual(30);
    expect(byOp['profile-slice']).toBeGreaterThanOrEqual(10);
    expect(byOp['profile-violation']).toBeGreaterThanOrEqual(30);
    expect(missed.slice(0, 40)).toEqual([]);
  });
});
