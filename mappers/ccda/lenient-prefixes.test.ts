import { describe, expect, it } from 'vitest';
import { parseCcda } from './parse-ccda.js';

const DOC = (body: string): string =>
  `<ClinicalDocument xmlns="urn:hl7-org:v3"><id root="1.2.3"/>${body}</ClinicalDocument>`;

describe('undeclared conventional prefixes', () => {
  it('reads a document that uses xsi:type without declaring xsi', () => {
    const model = parseCcda(DOC('<value xsi:type="CD" code="1"/>'));
    const doc = model.ClinicalDocument as Record<string, unknown>;
    expect(doc.value).toEqual({ 'xsi:type': 'CD', code: '1' });
  });

  it('leaves documents that declare xsi exactly as before', () => {
    const declared = parseCcda(
      '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><value xsi:type="CD"/></ClinicalDocument>',
    );
    expect(Object.keys(declared.ClinicalDocument as object)).toEqual(['xmlns', 'xmlns:xsi', 'value']);
  });

  it('still rejects other undeclared prefixes with their position', () => {
    expect(() => parseCcda(DOC('<foo:bar/>'), { file: 'x.xml' })).toThrow(
      expect.objectContaining({ code: 'parse.ccda.malformed', location: expect.objectContaining({ file: 'x.xml' }) }),
    );
  });
});
