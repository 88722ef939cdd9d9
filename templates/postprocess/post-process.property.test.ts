import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../pipelines/contracts/index.js';
import { postProcess } from './index.js';

/** Removes what post-processing prunes, so the generated value is a fixed point (msfc-compat §8.3). */
function withoutEmpties(value: unknown): unknown {
  if (value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpties).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = withoutEmpties(v);
      if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

const objectWithoutEmpties = fc
  .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 })
  .map((v) => JSON.parse(JSON.stringify(withoutEmpties(v) ?? {})) as Record<string, unknown>)
  .filter((v) => !('entry' in v));

const JSONISH_PIECES = ['{', '}', '[', ']', ',', ':', '"a"', '""', '"', '\\', '1', '-', '1.5', 'e', '0', 'tru', 'true',
  'null', 'nul', 'false', ' ', '\n', '\u00a0', 'x', '\\u00', '"entry"', '"resource"', '"resourceType"', '"id"'];

function expectReturnsOrEngineError(text: string): void {
  try {
    const result = postProcess(text);
    expect(typeof result.json).toBe('string');
  } catch (error) {
    if (!isEngineError(error)) throw error;
  }
}

describe('postProcess properties', () => {
  it('round-trips any JSON object without empties: value equals it, json re-parses to it', () => {
    fc.assert(
      fc.property(objectWithoutEmpties, (v) => {
        const result = postProcess(JSON.stringify(v));
        expect(result.value).toEqual(v);
        expect(JSON.parse(result.json)).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent on its own output (except zero-padded exponents, which the grammar splits)', () => {
    fc.assert(
      fc.property(objectWithoutEmpties, (v) => {
        const once = postProcess(JSON.stringify(v, null, 1)).json;
        fc.pre(!/E[+-]0\d/.test(once));
        expect(postProcess(once).json).toBe(once);
      }),
      { numRuns: 100 },
    );
  });

  it('returns or throws an EngineError for any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), expectReturnsOrEngineError), { numRuns: 500 });
  });

  it('returns or throws an EngineError for any JSON-like token soup', () => {
    const soup = fc.array(fc.constantFrom(...JSONISH_PIECES), { maxLength: 120 }).map((parts) => parts.join(''));
    fc.assert(fc.property(soup, (text) => expectReturnsOrEngineError('{' + text)), { numRuns: 1000 });
  });
});
