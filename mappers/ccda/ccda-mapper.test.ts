import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ccdaMapper, detectCcda } from './index.js';
import type { CcdaMapping } from './index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ccda/', import.meta.url));
const read = (path: string): string => readFileSync(FIXTURES + path, 'utf8');
const parseOne = (path: string) => ccdaMapper.parse(read(path), { name: path })[0];
const at = (value: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);

describe('ccdaMapper', () => {
  it('declares its spec', () => {
    expect(ccdaMapper.name).toBe('ccda');
    expect(ccdaMapper.dataKey).toBe('msg');
    expect(ccdaMapper.extensions).toEqual(['.ccda', '.xml', '.cda']);
  });

  it('detects documents and fragments, not other formats', () => {
    expect(detectCcda(read('CCD/compact-r21.ccda'))).toBe(true);
    expect(detectCcda(read('fragments/allergy-section.ccda'))).toBe(true);
    expect(detectCcda('MSH|^~\\&|A|B')).toBe(false);
    expect(detectCcda('{"resourceType":"Bundle"}')).toBe(false);
  });

  it('parses the compact CCD with its root template, id and model shape', () => {
    const record = parseOne('CCD/compact-r21.ccda');
    expect(record.rootTemplate).toBe('CCD');
    expect(record.recordId).toBe('2.16.840.1.113883.19.5.99999.7^MOON-CCD-0001');
    const doc = record.model.ClinicalDocument as CcdaMapping;
    expect(Object.keys(record.model)).toEqual(['?xml', '?xml-stylesheet', 'ClinicalDocument', '_originalData']);
    expect(at(doc, 'recordTarget', 'patientRole', 'patient', 'sdtc_raceCode', 'code')).toBe('2108-9');
    expect(at(doc, 'recordTarget', 'patientRole', 'telecom')).toEqual({ nullFlavor: 'UNK' });
    expect(at(doc, 'recordTarget', 'patientRole', 'patient', 'name', 'given')).toEqual([{ _: 'Ada' }, { _: 'Quinn' }]);
    const components = at(doc, 'component', 'structuredBody', 'component') as CcdaMapping[];
    expect(components).toHaveLength(6);
    const allergy = at(components[0], 'section', 'entry', 'act', 'entryRelationship', 'observation') as CcdaMapping;
    expect(allergy.negationInd).toBe('true');
    expect(at(allergy, 'value', 'xsi:type')).toBe('CD');
    const times = at(components[1], 'section', 'entry', 'substanceAdministration', 'effectiveTime') as CcdaMapping[];
    expect(times.map((t) => t['xsi:type'])).toEqual(['IVL_TS', 'PIVL_TS']);
    expect(at(components[3], 'section', 'entry', 'organizer', 'component', 1, 'observation', 'value', '_')).toBe('pendingreview');
  });

  it('parses an unstructured document with an embedded base64 PDF', () => {
    const record = parseOne('UnstructuredDocument/embedded-pdf.ccda');
    expect(record.rootTemplate).toBe('UnstructuredDocument');
    const text = at(record.model, 'ClinicalDocument', 'component', 'nonXMLBody', 'text') as CcdaMapping;
    expect(text.representation).toBe('B64');
    expect(Buffer.from((text._ as string).trim(), 'base64').toString('latin1')).toMatch(/^%PDF-1\.4/);
  });

  it('falls back to nonXMLBody and LOINC code for the document type', () => {
    expect(parseOne('UnstructuredDocument/reference.ccda').rootTemplate).toBe('UnstructuredDocument');
    const r11 = parseOne('ProgressNote/r11-style.ccda');
    expect(r11.rootTemplate).toBe('ProgressNote');
    expect(Object.keys(r11.model.ClinicalDocument as object)).toContain('effectiveTime');
    const [, problems] = at(r11.model, 'ClinicalDocument', 'component', 'structuredBody', 'component') as CcdaMapping[];
    expect(at(problems, 'section', 'text')).toEqual({ 'xml:space': 'preserve', _: '  ' });
  });

  it('parses a section fragment under its own root key without a root template', () => {
    const record = parseOne('fragments/allergy-section.ccda');
    expect(record.rootTemplate).toBeUndefined();
    expect(record.recordId).toBeUndefined();
    expect(Object.keys(record.model)).toEqual(['section', '_originalData']);
    expect(at(record.model, 'section', 'entry', 'act', 'entryRelationship', 'observation', 'sdtc_precondition')).toBeNull();
  });
});
