import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isEngineError } from '../../pipelines/contracts/errors.js';
import { DEFAULT_DELIMITERS } from './delimiters.js';
import { escapeHl7, unescapeHl7, unprotectJson } from './escape.js';
import { hl7v2Mapper } from './index.js';
import { parseHl7Message } from './parse-message.js';
import { traceUnusedSegments, unusedFields } from './unused-fields.js';
import type { Hl7v2Data } from './hl7v2-data.js';

const VALID = [
  'MSH|^~\\&|APP|FAC|||20240102030405||ADT^A01|M1|P|2.5',
  'PID|1||111^^^H&1.2&ISO^MR~222^^^X^PI||Roe^Ann^B\\S\\C||19800101|F',
  'OBX|1|ST|x^y||a\\X41\\b\\.br\\c\\H\\d\\N\\|',
].join('\r');
const MAX_MS = 2000;

function touchAll(model: Hl7v2Data): void {
  for (const seg of model.Data) {
    void seg.Value;
    for (const f of seg.Fields.items) {
      if (!f) continue;
      void f.Value;
      for (const r of f.Repeats.items) for (const c of r.Components.items) if (c) void [c.Value, c.Subcomponents.items];
    }
  }
  unusedFields(model);
  traceUnusedSegments(model);
}

/** Any input: a parse whose whole model can be read without throwing, or an EngineError; bounded time. */
function checkInput(text: string): void {
  const started = Date.now();
  try {
    for (const record of hl7v2Mapper.parse(text, { name: 'fuzz' })) touchAll(record.model);
  } catch (err) {
    expect(isEngineError(err), `non-EngineError: ${String(err)}`).toBe(true);
  }
  expect(Date.now() - started).toBeLessThan(MAX_MS);
}

const HL7ISH = fc.constantFrom(...'MSHPIDFBT|^~\\&\r\n X0A9.br\x0b\x1c"'.split(''), 'MSH|^~\\&|', '\\X4\\', '\\F\\', '\\E\\');
const MUTATION = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(VALID.length) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(VALID.length), text: fc.string({ unit: HL7ISH, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('hex' as const), at: fc.nat(VALID.length), digits: fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFa'.split('')), maxLength: 5 }) }),
);

type Mutation = typeof MUTATION extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  if (m.kind === 'truncate') return text.slice(0, m.at);
  const insert = m.kind === 'insert' ? m.text : `\\X${m.digits}\\`;
  return text.slice(0, m.at) + insert + text.slice(m.at);
}

describe('parse never crashes or hangs (property)', () => {
  it('random strings (any code units)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 4096 }), (s) => checkInput(s)), { numRuns: 60 });
  });
  it('random strings that start like an MSH', () => {
    fc.assert(fc.property(fc.string({ unit: HL7ISH, maxLength: 400 }), (s) => checkInput(`MSH|^~\\&|${s}`)), { numRuns: 300 });
  });
  it('random bytes decoded as latin1 and utf8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        checkInput(Buffer.from(bytes).toString('latin1'));
        checkInput(Buffer.from(bytes).toString('utf8'));
      }),
      { numRuns: 100 },
    );
  });
  it('mutations of a valid message', () => {
    fc.assert(fc.property(fc.array(MUTATION, { minLength: 1, maxLength: 6 }), (ms) => checkInput(ms.reduce(mutate, VALID))), { numRuns: 400 });
  });
  it('finds bad hex escapes at parse time, never later', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'.split('')), minLength: 1, maxLength: 7 }), (digits) => {
        const text = `MSH|^~\\&|A\rPID|1|x^\\X${digits}\\^z`;
        if (digits.length % 2 === 1) expect(() => parseHl7Message(text)).toThrow(expect.objectContaining({ code: 'parse.hl7.bad-escape' }));
        else touchAll(parseHl7Message(text));
      }),
    );
  });
});

describe('escaping round-trips (property)', () => {
  it('escapeHl7 text in a component → JSON-unprotected .Value equals the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }), (text) => {
        const model = parseHl7Message(`MSH|^~\\&|A\rPID|1|${escapeHl7(text, DEFAULT_DELIMITERS)}^tail`);
        const component = model.Data[1].Fields.at(2)?.Components.at(1);
        expect(unprotectJson(component?.Value ?? '')).toBe(text);
        expect(component?.Subcomponents.at(1)).toBe(component?.Value);
      }),
      { numRuns: 300 },
    );
  });
  it('unescape(escape(text)) = text for HL7-heavy alphabets', () => {
    fc.assert(
      fc.property(fc.string({ unit: HL7ISH, maxLength: 100 }), (text) => {
        expect(unescapeHl7(escapeHl7(text, DEFAULT_DELIMITERS), DEFAULT_DELIMITERS)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
