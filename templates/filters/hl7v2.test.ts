import { describe, it, expect } from 'vitest';
import type { Hl7v2DataModel, Hl7v2SegmentModel } from '../../pipelines/contracts/hl7v2-model.js';
import type { FilterEnv } from './define.js';
import { HL7V2_FILTERS } from './hl7v2.js';

function segment(id: string, n: number): Hl7v2SegmentModel & { n: number } {
  return { id, n, liquidGet: () => undefined };
}

function makeData(segments: Hl7v2SegmentModel[], value: string | undefined): Hl7v2DataModel {
  return {
    kind: 'hl7v2-data',
    Value: value,
    Meta: segments.map((s) => s.id),
    Data: segments,
    createChunk: (segs) => makeData(segs, undefined),
    liquidGet: () => undefined,
  };
}

const ENV: FilterEnv = { codeMapping: undefined, now: () => new Date(0), timeZone: 'UTC' };

function call(name: string, input: unknown, ...args: unknown[]): unknown {
  const spec = HL7V2_FILTERS.find((f) => f.name === name);
  if (!spec) throw new Error(`no filter ${name}`);
  return spec.fn.call(ENV, input, ...args);
}

const ids = (list: unknown): number[] => (list as { n: number }[]).map((s) => s.n);

const MSH = segment('MSH', 0);
const OBR1 = segment('OBR', 1);
const OBR2 = segment('OBR', 2);
const OBX1 = segment('OBX', 3);
const OBX2 = segment('OBX', 4);
const NTE = segment('NTE', 5);
const OBX3 = segment('obx', 6);
const DATA = makeData([MSH, OBR1, OBR2, OBX1, OBX2, NTE, OBX3], 'raw');

describe('HL7V2_FILTERS declarations', () => {
  it('declares the six §3.5 filters with input any', () => {
    expect(HL7V2_FILTERS.map((f) => f.name).sort()).toEqual(
      ['get_first_segments', 'get_parent_segment', 'get_related_segment_list', 'get_segment_lists', 'has_segments', 'split_data_by_segments'],
    );
    for (const f of HL7V2_FILTERS) expect(f.input).toBe('any');
  });
});

describe('nil or foreign input → template.data-mismatch', () => {
  it.each(HL7V2_FILTERS.map((f) => f.name))('%s', (name) => {
    expect(() => call(name, undefined, 'PID', 0, 'X')).toThrow(expect.objectContaining({ code: 'template.data-mismatch', stage: 'render' }));
    expect(() => call(name, 'text', 'PID', 0, 'X')).toThrow(expect.objectContaining({ code: 'template.data-mismatch' }));
  });
});

describe('get_first_segments / get_segment_lists', () => {
  it('first segment per id, message order, absent ids have no key, case-sensitive', () => {
    const out = call('get_first_segments', DATA, 'OBX|OBR|PID') as Record<string, { n: number }>;
    expect(Object.keys(out)).toEqual(['OBR', 'OBX']);
    expect(out.OBR.n).toBe(1);
    expect(out.OBX.n).toBe(3);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
  it('lists all segments per id as plain arrays', () => {
    const out = call('get_segment_lists', DATA, 'OBX|NTE|ZZZ') as Record<string, unknown[]>;
    expect(Object.keys(out)).toEqual(['OBX', 'NTE']);
    expect(ids(out.OBX)).toEqual([3, 4]);
    expect(Array.isArray(out.NTE)).toBe(true);
  });
});

describe('has_segments', () => {
  it.each([
    ['OBR|OBX', true],
    ['OBR|PID', false],
    ['OBR|', false],
    ['', false],
    ['obx', true],
    ['Obx', false],
  ])('%j → %s', (list, expected) => {
    expect(call('has_segments', DATA, list)).toBe(expected);
  });
});

describe('get_related_segment_list', () => {
  it('spec example: OBR(1) OBR(2) OBX OBX NTE → related OBX of OBR(1) = both OBX', () => {
    const out = call('get_related_segment_list', DATA, OBR1, 'OBX') as Record<string, unknown[]>;
    expect(Object.keys(out)).toEqual(['OBX']);
    expect(ids(out.OBX)).toEqual([3, 4]);
  });
  it('matches case-insensitively and keys by the argument spelling', () => {
    const out = call('get_related_segment_list', DATA, NTE, 'Obx') as Record<string, unknown[]>;
    expect(ids(out.Obx)).toEqual([6]);
  });
  it('{} when the parent is not in Data (identity) or no later child', () => {
    expect(call('get_related_segment_list', DATA, segment('OBR', 1), 'OBX')).toEqual({});
    expect(call('get_related_segment_list', DATA, OBX3, 'OBX')).toEqual({});
    expect(call('get_related_segment_list', DATA, undefined, 'OBX')).toEqual({});
  });
});

describe('get_parent_segment', () => {
  it('nearest parent at or before the n-th child', () => {
    expect(ids(Object.values(call('get_parent_segment', DATA, 'OBX', 0, 'OBR') as object))).toEqual([2]);
    expect(ids(Object.values(call('get_parent_segment', DATA, 'OBX', 2, 'NTE') as object))).toEqual([5]);
  });
  it('starts at the child itself, coerces n (nil → 0)', () => {
    const out = call('get_parent_segment', DATA, 'OBR', null, 'OBR') as Record<string, { n: number }>;
    expect(out.OBR.n).toBe(1);
    expect((call('get_parent_segment', DATA, 'OBR', '1', 'OBR') as Record<string, { n: number }>).OBR.n).toBe(2);
  });
  it('{} when the child index or the parent is missing', () => {
    expect(call('get_parent_segment', DATA, 'OBX', 9, 'OBR')).toEqual({});
    expect(call('get_parent_segment', DATA, 'OBR', 0, 'NTE')).toEqual({});
  });
});

describe('split_data_by_segments', () => {
  it('starts a chunk at each separator; first chunk holds what precedes', () => {
    const chunks = call('split_data_by_segments', DATA, 'OBR') as Hl7v2DataModel[];
    expect(chunks.map((c) => c.Meta)).toEqual([['MSH'], ['OBR'], ['OBR', 'OBX', 'OBX', 'NTE', 'obx']]);
    expect(chunks[1].Data[0]).toBe(OBR1);
    expect(chunks.every((c) => c.Value === undefined && c.kind === 'hl7v2-data')).toBe(true);
  });
  it('an empty first chunk when the message starts with a separator', () => {
    const chunks = call('split_data_by_segments', DATA, 'MSH|NTE') as Hl7v2DataModel[];
    expect(chunks.map((c) => c.Meta)).toEqual([[], ['MSH', 'OBR', 'OBR', 'OBX', 'OBX'], ['NTE', 'obx']]);
  });
  it('returns [original] when the ids are empty or absent', () => {
    expect(call('split_data_by_segments', DATA, '')).toEqual([DATA]);
    expect((call('split_data_by_segments', DATA, 'PID|') as unknown[])[0]).toBe(DATA);
  });
  it('chunks are accepted by the other filters', () => {
    const chunk = (call('split_data_by_segments', DATA, 'OBR') as Hl7v2DataModel[])[2];
    expect(call('has_segments', chunk, 'NTE')).toBe(true);
    expect(ids((call('get_segment_lists', chunk, 'OBX') as Record<string, unknown[]>).OBX)).toEqual([3, 4]);
  });
});
