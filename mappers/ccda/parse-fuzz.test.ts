import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../pipelines/contracts/index.js';
import { parseCcda } from './parse-ccda.js';

const VALID = readFileSync(fileURLToPath(new URL('../../fixtures/ccda/ProgressNote/r11-style.ccda', import.meta.url)), 'utf8');

function modelOrEngineError(text: string): boolean {
  try {
    parseCcda(text, { limits: { maxNodes: 5_000 } });
    return true;
  } catch (err) {
    if (isEngineError(err) && err.stage === 'parse' && err.code.startsWith('parse.ccda.')) return true;
    throw err;
  }
}

const xmlish = fc.stringMatching(/^[<>/!?\-[\]a-z:="' &#;x0-9\n]{0,80}$/);

describe('parseCcda never throws anything but an EngineError', () => {
  it('for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), modelOrEngineError), { numRuns: 400 });
  });

  it('for XML-like character soup', () => {
    fc.assert(fc.property(xmlish, modelOrEngineError), { numRuns: 400 });
  });

  it('for truncations and splices of a valid document', () => {
    const mutation = fc.tuple(fc.nat(VALID.length), fc.nat(VALID.length), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(mutation, ([at, cut, insert]) => {
        const [from, to] = at < cut ? [at, cut] : [cut, at];
        expect(modelOrEngineError(VALID.slice(0, to))).toBe(true);
        return modelOrEngineError(VALID.slice(0, from) + insert + VALID.slice(Math.min(to, from + 20)));
      }),
      { numRuns: 300 },
    );
  });
});

function pathological(n: number): string[] {
  const attrs = Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join('');
  const decls = Array.from({ length: n / 4 }, (_, i) => ` xmlns:p${i}="urn:x:${i}"`).join('');
  return [`<r${attrs}/>`, `<r${decls}>${'<e xmlns:q="urn:q"><q:f/></e>'.repeat(n / 10)}</r>`, `<r>${'&amp;'.repeat(n * 5)}</r>`];
}

function bestTime(inputs: string[]): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (const input of inputs) expect(modelOrEngineError(input)).toBe(true);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('pathological inputs stay linear', () => {
  it('many attributes, namespace declarations and entity references: 4x the input costs well under 16x the time', () => {
    const small = bestTime(pathological(5_000));
    const large = bestTime(pathological(20_000));
    expect(large).toBeLessThan(8 * small + 100);
  }, 60_000);
});
