import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../pipelines/contracts/index.js';
import type { EngineError } from '../../pipelines/contracts/index.js';
import { parseCcda } from './parse-ccda.js';

const BAD = fileURLToPath(new URL('../../fixtures/ccda/bad/', import.meta.url));

function failure(text: string, limits = {}): EngineError {
  try {
    parseCcda(text, { file: 'in.ccda', limits });
  } catch (err) {
    if (isEngineError(err)) return err;
    throw err;
  }
  throw new Error('expected a parse failure');
}

const fixture = (name: string): string => readFileSync(BAD + name, 'latin1');

describe('bad inputs fail with a clear code, stage and position', () => {
  it.each([
    ['xxe-external-entity.ccda', 'parse.ccda.dtd-forbidden', 2],
    ['billion-laughs.ccda', 'parse.ccda.dtd-forbidden', 2],
    ['empty.ccda', 'parse.ccda.empty', undefined],
    ['binary.ccda', 'parse.ccda.malformed', 2],
    ['too-deep.ccda', 'parse.ccda.too-deep', 1],
  ])('%s → %s', (name, code, line) => {
    const err = failure(fixture(name));
    expect(err.code).toBe(code);
    expect(err.stage).toBe('parse');
    expect(err.retryable).toBe(false);
    expect(err.suggestion).toBeTruthy();
    expect(err.location?.line).toBe(line);
  });

  it('reports malformed XML with line, column and an XPath-like path', () => {
    const err = failure(fixture('malformed.ccda'));
    expect(err.code).toBe('parse.ccda.malformed');
    expect(err.location).toEqual({
      file: 'in.ccda',
      line: 9,
      col: 23,
      path: '/ClinicalDocument/component/structuredBody/component[3]/section/title',
    });
  });

  it('counts same-named siblings in the path, also for an element whose start tag is bad', () => {
    const doc = '<ClinicalDocument xmlns="urn:hl7-org:v3"><c/><d/><c><e/><e x=1/></c></ClinicalDocument>';
    expect(failure(doc).location?.path).toBe('/ClinicalDocument/c[2]/e[2]');
  });

  it('reports truncated input as malformed at the end, naming the open element', () => {
    const err = failure(fixture('truncated.ccda'));
    expect(err.code).toBe('parse.ccda.malformed');
    expect(err.message).toMatch(/end of input/i);
    expect(err.location?.path).toMatch(/^\/ClinicalDocument/);
  });

  it('never puts document text into the message', () => {
    const err = failure('<a><b>SECRET-PHI</c></a>');
    expect(JSON.stringify(err.toJSON())).not.toContain('SECRET-PHI');
  });

  it.each([
    ['<a>&foo;</a>', /entity/i],
    ['<a><b></a>', /does not match/],
    ['<a/><b/>', /one root/],
    ['x<a/>', /outside the root/],
    ['<a b="1" b="2"/>', /Duplicate attribute/],
    ['<a b=1/>', /quoted/],
    ['<p:a/>', /not declared/],
    ['<a><!-- x -- y --></a>', /--/],
    [' <?xml version="1.0"?><a/>', /XML declaration/],
    ['<a>]]></a>', /\]\]>/],
    ['<a><!-- x */ y --></a>', /\*\//],
    ['<a b="<"/>', /attribute value/],
    ['<1a/>', /element name/],
    ['<a>\u0001</a>', /character/],
  ])('rejects %j', (xml, message) => {
    const err = failure(xml);
    expect(err.code).toBe('parse.ccda.malformed');
    expect(err.message).toMatch(message);
  });

  it('applies the maxBytes and maxNodes limits', () => {
    expect(failure('<a>' + 'x'.repeat(100) + '</a>', { maxBytes: 50 }).code).toBe('parse.ccda.too-large');
    expect(failure('<a>' + 'é'.repeat(30) + '</a>', { maxBytes: 50 }).code).toBe('parse.ccda.too-large');
    expect(failure('<a>' + '<b/>'.repeat(20) + '</a>', { maxNodes: 10 }).code).toBe('parse.ccda.too-large');
  });

  it('rejects elements nested deeper than maxDepth before mapping', () => {
    const err = failure('<a><b><c><d/></c></b></a>', { maxDepth: 3 });
    expect(err.code).toBe('parse.ccda.too-deep');
    expect(err.location?.path).toBe('/a/b/c/d');
  });
});
