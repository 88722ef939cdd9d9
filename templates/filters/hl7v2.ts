import { EngineError } from '../../pipelines/contracts/errors.js';
import type { Hl7v2DataModel, Hl7v2SegmentModel } from '../../pipelines/contracts/hl7v2-model.js';
import { isNil, numericValue } from '../runtime/values.js';
import { defineFilter } from './define.js';
import type { FilterSpec } from './define.js';

function isHl7v2Data(value: unknown): value is Hl7v2DataModel {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'hl7v2-data';
}

/** msfc-compat §3.5: segment filters need the `hl7v2Data` drop or a chunk of it (reference error 1106). */
function requireData(value: unknown, filter: string): Hl7v2DataModel {
  if (isHl7v2Data(value)) return value;
  throw new EngineError('template.data-mismatch', `Filter '${filter}' needs HL7v2 data as input, got ${isNil(value) ? 'nil' : typeof value}.`, {
    stage: 'render',
    location: { path: filter },
    suggestion: `Pass hl7v2Data (or a chunk from split_data_by_segments) to ${filter}, e.g. {{ hl7v2Data | ${filter}: 'PID' }}.`,
    ref: 'msfc-compat §3.5',
  });
}

function idList(ids: unknown): string[] {
  return isNil(ids) ? [''] : String(ids).split('|');
}

function sameId(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

function toInt(value: unknown): number {
  const n = numericValue(value) ?? (isNil(value) ? 0 : Number(value));
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

function firstSegments(input: unknown, ids: unknown): Record<string, Hl7v2SegmentModel> {
  const data = requireData(input, 'get_first_segments');
  const wanted = new Set(idList(ids));
  const out: Record<string, Hl7v2SegmentModel> = {};
  data.Meta.forEach((id, i) => {
    if (wanted.has(id) && !(id in out)) out[id] = data.Data[i];
  });
  return out;
}

function segmentLists(input: unknown, ids: unknown): Record<string, Hl7v2SegmentModel[]> {
  const data = requireData(input, 'get_segment_lists');
  const wanted = new Set(idList(ids));
  const out: Record<string, Hl7v2SegmentModel[]> = {};
  data.Meta.forEach((id, i) => {
    if (wanted.has(id)) (out[id] ??= []).push(data.Data[i]);
  });
  return out;
}

function hasSegments(input: unknown, ids: unknown): boolean {
  const data = requireData(input, 'has_segments');
  const present = new Set(data.Meta);
  return idList(ids).every((id) => id !== '' && present.has(id));
}

function relatedSegmentList(input: unknown, parent: unknown, childId: unknown): Record<string, Hl7v2SegmentModel[]> {
  const data = requireData(input, 'get_related_segment_list');
  const child = isNil(childId) ? '' : String(childId);
  const start = data.Data.findIndex((s) => s === parent);
  if (start < 0) return {};
  let i = start + 1;
  while (i < data.Meta.length && !sameId(data.Meta[i], child)) i++;
  if (i >= data.Meta.length) return {};
  const list: Hl7v2SegmentModel[] = [];
  for (; i < data.Meta.length && sameId(data.Meta[i], child); i++) list.push(data.Data[i]);
  return { [child]: list };
}

function parentSegment(input: unknown, childId: unknown, n: unknown, parentId: unknown): Record<string, Hl7v2SegmentModel> {
  const data = requireData(input, 'get_parent_segment');
  const child = isNil(childId) ? '' : String(childId);
  const parent = isNil(parentId) ? '' : String(parentId);
  const target = toInt(n);
  let seen = -1;
  const at = data.Meta.findIndex((id) => sameId(id, child) && ++seen === target);
  for (let i = at; i >= 0; i--) if (sameId(data.Meta[i], parent)) return { [parent]: data.Data[i] };
  return {};
}

function splitBySegments(input: unknown, ids: unknown): Hl7v2DataModel[] {
  const data = requireData(input, 'split_data_by_segments');
  const separators = new Set(idList(ids).filter((id) => id !== ''));
  if (!data.Meta.some((id) => separators.has(id))) return [data];
  const chunks: Hl7v2DataModel[] = [];
  let current: Hl7v2SegmentModel[] = [];
  data.Meta.forEach((id, i) => {
    if (separators.has(id)) {
      chunks.push(data.createChunk(current));
      current = [];
    }
    current.push(data.Data[i]);
  });
  if (current.length > 0) chunks.push(data.createChunk(current));
  return chunks;
}

const IDS = { name: 'segmentIds', type: 'string' } as const;

/** HL7v2 segment filters (msfc-compat §3.5). Mappings returned are plain objects, lists plain arrays. */
export const HL7V2_FILTERS: FilterSpec[] = [
  defineFilter({
    name: 'get_first_segments', family: 'hl7v2', input: 'any', params: [IDS],
    summary: "Mapping id → first segment with that id, for ids separated by '|' (absent ids have no key).",
    fn: (input, ids) => firstSegments(input, ids),
  }),
  defineFilter({
    name: 'get_segment_lists', family: 'hl7v2', input: 'any', params: [IDS],
    summary: "Mapping id → list of all segments with that id, for ids separated by '|'.",
    fn: (input, ids) => segmentLists(input, ids),
  }),
  defineFilter({
    name: 'get_related_segment_list', family: 'hl7v2', input: 'any',
    params: [{ name: 'parentSegment', type: 'any' }, { name: 'childSegmentId', type: 'string' }],
    summary: 'The run of child segments that first follows the given parent segment: { <child id>: [...] } or {}.',
    fn: (input, parent, childId) => relatedSegmentList(input, parent, childId),
  }),
  defineFilter({
    name: 'get_parent_segment', family: 'hl7v2', input: 'any',
    params: [{ name: 'childSegmentId', type: 'string' }, { name: 'childIndex', type: 'int' }, { name: 'parentSegmentId', type: 'string' }],
    summary: 'Nearest segment with the parent id at or before the n-th (0-based) child segment: { <parent id>: segment } or {}.',
    fn: (input, childId, n, parentId) => parentSegment(input, childId, n, parentId),
  }),
  defineFilter({
    name: 'has_segments', family: 'hl7v2', input: 'any', params: [IDS],
    summary: "True when every id separated by '|' occurs in the message.",
    fn: (input, ids) => hasSegments(input, ids),
  }),
  defineFilter({
    name: 'split_data_by_segments', family: 'hl7v2', input: 'any', params: [IDS],
    summary: 'Splits the message into hl7v2Data chunks, each starting at a separator segment.',
    fn: (input, ids) => splitBySegments(input, ids),
  }),
];
