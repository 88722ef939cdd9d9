import { describe, it, expect } from 'vitest';
import { parseHl7Message } from './parse-message.js';
import { traceUnusedSegments, unusedFields } from './unused-fields.js';
import type { Hl7v2Data } from './hl7v2-data.js';

const TEXT = 'MSH|^~\\&|APP|FAC\rPID|1||111^^^H~222||Roe^Ann^B\\S\\C|x';

function positions(data: Hl7v2Data): string[] {
  return unusedFields(data).map((u) => u.position);
}

function at(data: Hl7v2Data, segment: number, ...path: (string | number)[]): unknown {
  let v: unknown = data.Data[segment];
  for (const k of path) v = (v as { liquidGet(k: string | number): unknown }).liquidGet(k);
  return v;
}

describe('access tracking (msfc-compat §3.6)', () => {
  it('nothing read → every non-empty component listed, MSH-1/2 skipped, HL7 numbering', () => {
    expect(positions(parseHl7Message(TEXT))).toEqual(['MSH-3.1', 'MSH-4.1', 'PID-1.1', 'PID-3.1', 'PID-3.4', 'PID-5.1', 'PID-5.2', 'PID-5.3', 'PID-6.1']);
  });
  it('reading a component property marks it, even a name that throws', () => {
    const data = parseHl7Message(TEXT);
    at(data, 1, '5', '1', 'Value');
    expect(() => at(data, 1, '5', '2', 'size')).toThrow();
    at(data, 1, '5', '3', 1);
    expect(positions(data)).not.toContain('PID-5.1');
    expect(positions(data)).not.toContain('PID-5.2');
    expect(positions(data)).not.toContain('PID-5.3');
  });
  it('indexing a field or segment, or reading Fields/Components, does not mark', () => {
    const data = parseHl7Message(TEXT);
    at(data, 1, '3', '1');
    at(data, 1, 'Fields');
    at(data, 1, '3', 'Components');
    expect(positions(data)).toContain('PID-3.1');
  });
  it("a field's Value or Repeats marks its first-repetition components", () => {
    const data = parseHl7Message(TEXT);
    at(data, 1, '3', 'Value');
    at(data, 1, '5', 'Repeats');
    expect(positions(data).filter((p) => p.startsWith('PID-3') || p.startsWith('PID-5'))).toEqual([]);
  });
  it("Repeats[0].Value marks the same first-repetition components", () => {
    const data = parseHl7Message(TEXT);
    const reps = (data.Data[1].Fields.at(3)?.Repeats.items ?? [])[0];
    reps.liquidGet('value');
    expect(positions(data)).not.toContain('PID-3.4');
  });
  it("a segment's Value marks all its components", () => {
    const data = parseHl7Message(TEXT);
    at(data, 1, 'value');
    expect(positions(data)).toEqual(['MSH-3.1', 'MSH-4.1']);
  });
  it('reports length of the unescaped text and the segment index', () => {
    const u = unusedFields(parseHl7Message(TEXT)).find((x) => x.position === 'PID-5.3');
    expect(u).toEqual({ position: 'PID-5.3', segment: 'PID', segmentIndex: 1, length: 3 });
  });
});

describe('Microsoft trace form (msfc-compat §3.6)', () => {
  it('gives Start/End offsets on the unescaped segment text, MSH field index decremented', () => {
    const data = parseHl7Message(TEXT);
    at(data, 1, '5', '1', 'Value');
    const trace = traceUnusedSegments(data);
    expect(trace[0]).toEqual({ Type: 'MSH', Line: 0, Components: [{ Start: 9, End: 12, Value: 'APP' }, { Start: 13, End: 16, Value: 'FAC' }] });
    const pid = trace[1];
    expect(pid.Type).toBe('PID');
    expect(pid.Line).toBe(1);
    const line = 'PID|1||111^^^H~222||Roe^Ann^B^C|x';
    for (const c of pid.Components) expect(line.slice(c.Start, c.End)).toBe(c.Value);
    expect(pid.Components.map((c) => c.Value)).toEqual(['1', '111', 'H', 'Ann', 'B^C', 'x']);
  });
  it('omits segments with everything read', () => {
    const data = parseHl7Message(TEXT);
    at(data, 0, 'Value');
    at(data, 1, 'Value');
    expect(traceUnusedSegments(data)).toEqual([]);
  });
});
