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

describe('pathological inputs stay linear', () => {
  it('handles many attributes, namespace declarations and entity references quickly', () => {
    const start = performance.now();
    const attrs = Array.from({ length: 20_000 }, (_, i) => ` a${i}="${i}"`).join('');
    expect(modelOrEngineError(`<r${attrs}/>`)).toBe(true);
    const decls = Array.from({ length: 5_000 }, (_, i) => ` xmlns:p${i}="urn:x:${i}"`).join('');
    expect(modelOrEngineError(`<r${decls}>${'<e xmlns:q="urn:q"><q:f/></e>'.repeat(2_000)}</r>`)).toBe(true);
    expect(modelOrEngineError(`<r>${'&amp;'.repeat(100_000)}</r>`)).toBe(true);
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});
