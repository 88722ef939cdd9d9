import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { hl7v2Mapper, parseBatch, splitBatch } from './index.js';
import { parseHl7Message } from './parse-message.js';

function fixture(rel: string): string {
  return readFileSync(new URL(`../../fixtures/hl7v2/${rel}`, import.meta.url), 'latin1');
}

const SRC = { name: 'test.hl7' };

describe('fixtures parse', () => {
  it.each([
    ['ADT_A01/adt-a01-basic.hl7', 'ADT_A01', 'MSG00001-A01', 16],
    ['ADT_A02/adt-a02-crlf.hl7', 'ADT_A02', 'CRLF-0001', 4],
    ['ADT_A03/adt-a03-cr-only.hl7', 'ADT_A03', 'CR-0001', 4],
    ['ADT_A04/adt-a04-v23.hl7', 'ADT_A04', 'A04-20031125-01', 4],
    ['ADT_A08/adt-a08-escapes-zsegment.hl7', 'ADT_A08', 'ESC-0001', 4],
    ['ORU_R01/oru-r01-multi-obr.hl7', 'ORU_R01', 'LAB20240405-0007', 17],
    ['VXU_V04/vxu-v04-basic.hl7', 'VXU_V04', 'VXU20240520-0042', 10],
  ])('%s → %s', (rel, root, id, segments) => {
    const [record] = hl7v2Mapper.parse(fixture(rel), SRC);
    expect(record.rootTemplate).toBe(root);
    expect(record.recordId).toBe(id);
    expect(record.model.Data).toHaveLength(segments);
    expect(record.source).toEqual({ name: 'test.hl7', record: 0 });
  });
  it('ADT_A01 basic has the segment groups of the quick-start', () => {
    const { model } = hl7v2Mapper.parse(fixture('ADT_A01/adt-a01-basic.hl7'), SRC)[0];
    expect(model.Meta).toEqual(['MSH', 'EVN', 'PID', 'PD1', 'NK1', 'NK1', 'PV1', 'PV2', 'AL1', 'AL1', 'DG1', 'PR1', 'IN1', 'GT1', 'OBX', 'OBX']);
  });
  it('escapes fixture decodes delimiters, .br and hex, keeps \\H\\ and the Z-segment', () => {
    const { model } = hl7v2Mapper.parse(fixture('ADT_A08/adt-a08-escapes-zsegment.hl7'), SRC)[0];
    const pid = model.Data[1];
    expect(pid.Fields.at(5)?.Components.at(1)?.Value).toBe('O|Brien-Smith^Jr');
    expect(pid.Fields.at(5)?.Components.at(3)?.Value).toBe('\\\\');
    const nte = model.Data[2].Fields.at(3)?.Value;
    expect(nte).toBe('Line one\\\\nLine two; temp 38\r\nC; ratio 3~4; highlighted \\\\H\\\\important\\\\N\\\\ text');
    expect(model.Meta[3]).toBe('ZMO');
    expect(model.Data[3].Fields.at(4)?.Value).toBe('\\"quoted\\" value');
  });
});

describe('batch splitting', () => {
  it('FHS/BHS batch with 3 messages → 3 records with index, line and byte offsets', () => {
    const text = fixture('ORU_R01/oru-r01-fhs-bhs-batch.hl7');
    const { records, failures } = parseBatch(text, SRC);
    expect(failures).toEqual([]);
    expect(records.map((r) => r.recordId)).toEqual(['BATCH-MSG-1', 'BATCH-MSG-2', 'BATCH-MSG-3']);
    expect(records.map((r) => r.source.record)).toEqual([0, 1, 2]);
    expect(records.map((r) => r.model.origin?.line)).toEqual([3, 7, 11]);
    for (const r of records) {
      expect(text.slice(r.model.origin?.offset ?? -1).startsWith('MSH|')).toBe(true);
      expect(r.model.Meta).toEqual(['MSH', 'PID', 'OBR', 'OBX']);
      expect(r.model.Value?.startsWith('MSH|')).toBe(true);
    }
  });
  it('several MSH without envelope → one record each', () => {
    const { records } = parseBatch(fixture('ORU_R01/oru-r01-two-msh-no-envelope.hl7'), SRC);
    expect(records.map((r) => r.recordId)).toEqual(['BATCH-MSG-4', 'BATCH-MSG-5']);
    expect(records[1].model.origin?.line).toBe(5);
  });
  it('byte offsets count UTF-8 bytes and the BOM', () => {
    const text = '\uFEFFMSH|^~\\&|A|\u00e9\u00e9||||||1\nMSH|^~\\&|B||||||||2\n';
    const { messages } = splitBatch(text);
    expect(messages.map((m) => m.byteOffset)).toEqual([3, 3 + 21 + 2]);
  });
  it('one bad message in a batch is a failure with its record, the others are records', () => {
    const text = 'MSH|^~\\&|A|||||||1\rPID|1\rMSH|^^\\&|B|||||||2\rMSH|^~\\&|C|||||||3\r';
    const { records, failures } = parseBatch(text, SRC);
    expect(records.map((r) => r.recordId)).toEqual(['1', '3']);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'parse.hl7.bad-delimiters', location: { line: 3, record: 1, segment: 'MSH' } });
    expect(hl7v2Mapper.parse(text, SRC)).toHaveLength(2);
  });
  it('junk lines before the first MSH are a failure, the message still parses', () => {
    const { records, failures } = parseBatch('junk\rmore junk\rMSH|^~\\&|A||||||||1\r', SRC);
    expect(records).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'parse.hl7.missing-msh', location: { line: 1 } });
  });
  it('a broken envelope header fails the whole file', () => {
    expect(() => parseBatch('FHS|^^\\&|X\rMSH|^~\\&|A||||||||1\r', SRC)).toThrow(
      expect.objectContaining({ code: 'parse.hl7.bad-envelope', location: expect.objectContaining({ line: 1 }) }),
    );
  });
  it('envelope without messages → missing-msh', () => {
    expect(() => hl7v2Mapper.parse('FHS|^~\\&|X\rFTS|0\r', SRC)).toThrow(expect.objectContaining({ code: 'parse.hl7.missing-msh' }));
  });
  it('tolerates MLLP framing', () => {
    const records = hl7v2Mapper.parse('\x0bMSH|^~\\&|A||||||ADT^A01|9\rPID|1\r\x1c\r', SRC);
    expect(records[0].model.Meta).toEqual(['MSH', 'PID']);
    expect(records[0].rootTemplate).toBe('ADT_A01');
  });
  it('rootTemplate is undefined when MSH-9 lacks a part', () => {
    expect(hl7v2Mapper.parse('MSH|^~\\&|A||||||ADT|9', SRC)[0].rootTemplate).toBeUndefined();
    expect(hl7v2Mapper.parse('MSH|^~\\&|A', SRC)[0].recordId).toBeUndefined();
  });
});

describe('bad inputs → EngineError with code and location', () => {
  it.each([
    ['bad/empty.hl7', 'parse.hl7.empty', { line: 1 }],
    ['bad/binary.hl7', 'parse.hl7.binary', { line: 1 }],
    ['bad/no-msh.hl7', 'parse.hl7.missing-msh', { line: 1 }],
    ['bad/truncated-msh.hl7', 'parse.hl7.truncated-msh', { line: 1, segment: 'MSH', segmentIndex: 0, record: 0 }],
    ['bad/duplicate-delimiters.hl7', 'parse.hl7.bad-delimiters', { line: 1, segment: 'MSH', segmentIndex: 0, field: 2 }],
    ['bad/odd-hex-escape.hl7', 'parse.hl7.bad-escape', { line: 2, segment: 'PID', segmentIndex: 1, field: 5, record: 0 }],
  ])('%s → %s', (rel, code, location) => {
    let error: unknown;
    try {
      hl7v2Mapper.parse(fixture(rel), SRC);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ name: 'EngineError', code, stage: 'parse', location: expect.objectContaining(location) });
    expect((error as { suggestion?: string }).suggestion).toBeTruthy();
  });
  it('non-backslash escape character → bad-delimiters', () => {
    expect(() => parseHl7Message('MSH|^~#&|A')).toThrow(expect.objectContaining({ code: 'parse.hl7.bad-delimiters' }));
  });
  it('4-character MSH-2 with | as subcomponent separator fails distinctness (msfc-compat §3.1)', () => {
    expect(() => parseHl7Message('MSH|^~\\|A')).toThrow(expect.objectContaining({ code: 'parse.hl7.bad-delimiters' }));
  });
  it('a whitespace-only first line is not an MSH', () => {
    expect(() => parseHl7Message('   \rMSH|^~\\&|A')).toThrow(expect.objectContaining({ code: 'parse.hl7.missing-msh' }));
  });
  it('an odd hex escape inside a field of MSH is found eagerly', () => {
    expect(() => parseHl7Message('MSH|^~\\&|A\\X123\\')).toThrow(expect.objectContaining({ code: 'parse.hl7.bad-escape', location: expect.objectContaining({ field: 3 }) }));
  });
});

describe('detect', () => {
  it.each([
    ['MSH|^~\\&|A', true],
    ['\uFEFFMSH|^~\\&|A', true],
    ['FHS|^~\\&|A', true],
    ['\x0bMSH|^~\\&|', true],
    ['ISA*00*', false],
    ['<ClinicalDocument', false],
    ['MSH', false],
  ])('%j → %s', (text, expected) => {
    expect(hl7v2Mapper.detect(text)).toBe(expected);
  });
});
