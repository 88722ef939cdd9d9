import { describe, expect, it } from 'vitest';
import { parseCcda } from './parse-ccda.js';
import { NetDateTime } from '../../templates/runtime/dotnet-date.js';

const V3 = 'urn:hl7-org:v3';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function model(xml: string): Record<string, unknown> {
  const { _originalData: _ignored, ...rest } = parseCcda(xml);
  return rest;
}

function root(xml: string): unknown {
  return Object.values(model(xml)).at(-1);
}

describe('msg model (msfc-compat §4.6)', () => {
  it('builds the §4.6 example verbatim', () => {
    const xml = `<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"><id root="1.2"/><title>T</title><id root="3"/><e/></ClinicalDocument>`;
    const msg = parseCcda(xml);
    expect(JSON.stringify(msg)).toBe(
      JSON.stringify({
        '?xml': { version: '1.0' },
        ClinicalDocument: { xmlns: V3, id: [{ root: '1.2' }, { root: '3' }], title: { _: 'T' }, e: null },
        _originalData: xml,
      }),
    );
  });

  it('puts _originalData last with every line break deleted', () => {
    const msg = parseCcda('<a>\r\n<b/>\r<c/>\n</a>');
    expect(Object.keys(msg)).toEqual(['a', '_originalData']);
    expect(msg._originalData).toBe('<a><b/><c/></a>');
  });

  it('writes the XML declaration with only its non-empty parts, in order', () => {
    expect(model('<?xml version="1.0" standalone="yes"?><a/>')['?xml']).toEqual({ version: '1.0', standalone: 'yes' });
    expect(Object.keys(model('<?xml version="1.0" encoding="UTF-8" standalone="no"?><a/>')['?xml'] as object)).toEqual(['version', 'encoding', 'standalone']);
  });
});

describe('text → _ elements (§4.3)', () => {
  it('appends text in reverse document order after the elements', () => {
    expect(root('<p>Hi <b>x</b> there</p>')).toEqual({ b: { _: 'x' }, _: [' there', 'Hi '] });
    expect(Object.keys(root('<p>Hi <b>x</b> there</p>') as object)).toEqual(['b', '_']);
  });

  it('treats CDATA as text and keeps leading/trailing spaces', () => {
    expect(root('<a> x <![CDATA[<y>]]></a>')).toEqual({ _: ['<y>', ' x '] });
  });

  it('drops whitespace-only text except under xml:space="preserve"', () => {
    expect(root('<a> <b/> </a>')).toEqual({ b: null });
    expect(root('<a xml:space="preserve"> <b/></a>')).toEqual({ 'xml:space': 'preserve', b: null, _: ' ' });
  });

  it('decodes predefined entities and character references', () => {
    expect(root('<a>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;</a>')).toEqual({ _: `<&>"'AB` });
  });
});

describe('XmlNodeConverter mapping (§4.4)', () => {
  it('distinguishes <x/> (null) from <x></x> and whitespace-only content ("")', () => {
    expect(root('<a><x/><y></y><z>  </z></a>')).toEqual({ x: null, y: '', z: '' });
  });

  it('puts attributes first in document order, then child groups', () => {
    const value = root('<a z="1"><c/><b k="v"/><m/></a>');
    expect(Object.keys(value as object)).toEqual(['z', 'c', 'b', 'm']);
  });

  it('groups repeated names at their first position, even when not adjacent', () => {
    const value = root('<a><x i="1"/><y/><x i="2"/><x i="3"/></a>');
    expect(Object.keys(value as object)).toEqual(['x', 'y']);
    expect(value).toEqual({ x: [{ i: '1' }, { i: '2' }, { i: '3' }], y: null });
  });

  it('keeps a single comment out, turns two or more into an empty #comment list', () => {
    expect(root('<a><!--one--><b/></a>')).toEqual({ b: null });
    const two = root('<a><b/><!--one--><c/><!--two--></a>');
    expect(two).toEqual({ b: null, '#comment': [], c: null });
    expect(Object.keys(two as object)).toEqual(['b', '#comment', 'c']);
  });

  it('maps an element whose only child is a comment to an empty mapping', () => {
    expect(root('<a><b><!--only--></b></a>')).toEqual({ b: {} });
  });

  it('maps processing instructions to "?target" keys, at document level too', () => {
    const msg = model('<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="CDA.xsl"?><a><?pi some data?></a>');
    expect(Object.keys(msg)).toEqual(['?xml', '?xml-stylesheet', 'a']);
    expect(msg['?xml-stylesheet']).toBe('type="text/xsl" href="CDA.xsl"');
    expect(msg.a).toEqual({ '?pi': 'some data' });
  });

  it('maps a DOCTYPE without entities to a !DOCTYPE object', () => {
    const msg = model('<!DOCTYPE a SYSTEM "a.dtd"><a/>');
    expect(msg['!DOCTYPE']).toEqual({ name: 'a', system: 'a.dtd' });
  });

  it('decodes _xHHHH_ in names', () => {
    expect(root('<a><b_x0020_c d_x002D_e="1"/></a>')).toEqual({ 'b c': { 'd-e': '1' } });
  });

  it('makes every leaf a string', () => {
    expect(root('<a n="1" b="true"><v>2.5</v></a>')).toEqual({ n: '1', b: 'true', v: { _: '2.5' } });
  });
});

describe('namespace normalisation (§4.2)', () => {
  const doc = (body: string, decls = `xmlns="${V3}" xmlns:xsi="${XSI}" xmlns:sdtc="urn:hl7-org:sdtc"`): string =>
    `<ClinicalDocument ${decls}>${body}</ClinicalDocument>`;

  it('renames elements of non-default root namespaces to prefix_local, leaves attributes alone', () => {
    const value = root(doc('<sdtc:raceCode code="2106-3"/><value xsi:type="CD"/>'));
    expect(value).toEqual({ xmlns: V3, 'xmlns:xsi': XSI, 'xmlns:sdtc': 'urn:hl7-org:sdtc', sdtc_raceCode: { code: '2106-3' }, value: { 'xsi:type': 'CD' } });
  });

  it('adds an implicit xmlns to default-namespace children of a renamed element', () => {
    expect((root(doc('<sdtc:patient><id root="1"/></sdtc:patient>')) as Record<string, unknown>).sdtc_patient).toEqual({ id: { xmlns: V3, root: '1' } });
  });

  it('removes a root prefix bound to the default namespace so its elements lose the prefix', () => {
    const value = root(doc('<cda:title>T</cda:title>', `xmlns:cda="${V3}" xmlns="${V3}"`));
    expect(value).toEqual({ xmlns: V3, title: { _: 'T' } });
  });

  it('keeps the prefix of namespaces declared only on inner elements', () => {
    const value = root(doc('<x:ext xmlns:x="urn:other"><x:v/></x:ext>', `xmlns="${V3}"`)) as Record<string, unknown>;
    expect(value['x:ext']).toEqual({ 'xmlns:x': 'urn:other', 'x:v': null });
  });

  it('renames even the root when it is namespaced only through a prefix', () => {
    expect(Object.keys(model(`<p:ClinicalDocument xmlns:p="${V3}"><p:id/></p:ClinicalDocument>`))).toEqual(['p_ClinicalDocument']);
  });

  it('matches namespace URIs case-insensitively', () => {
    const value = root(doc('<S:x/>', `xmlns="${V3}" xmlns:sdtc="urn:hl7-org:sdtc" xmlns:S="URN:HL7-ORG:SDTC"`)) as Record<string, unknown>;
    expect(Object.keys(value)).toContain('sdtc_x');
  });

  it('pre-binds xsi and sdtc around section fragments', () => {
    expect(root('<section><value xsi:type="CD"/><sdtc:x/></section>')).toEqual({ value: { 'xsi:type': 'CD' }, sdtc_x: null });
  });
});

describe('dictionary pass (§4.5)', () => {
  it('deletes line breaks in text; attributes normalise them to spaces first', () => {
    expect(root('<a v="x\ny" w="p&#10;q"><t>one\r\ntwo\tthree</t></a>')).toEqual({ v: 'x y', w: 'pq', t: { _: 'onetwo\tthree' } });
  });

  it('lets a child win over an attribute of the same name, at the attribute position', () => {
    const value = root('<a code="attr" x="1"><code>child</code></a>');
    expect(value).toEqual({ code: { _: 'child' }, x: '1' });
    expect(Object.keys(value as object)).toEqual(['code', 'x']);
  });

  it('turns ISO date-time strings into NetDate, other strings stay', () => {
    const value = root('<a t="2020-03-04T05:06:07.800+02:00" ts="20200304050607"><d>2020-03-04T05:06:07Z</d></a>') as Record<string, unknown>;
    expect(value.t).toBeInstanceOf(NetDateTime);
    expect((value.t as NetDateTime).toNewtonsoftText('UTC')).toBe('2020-03-04T03:06:07.8+00:00');
    expect(((value.d as Record<string, unknown>)._ as NetDateTime).toLiquidText()).toBe('03/04/2020 05:06:07');
    expect(value.ts).toBe('20200304050607');
  });

  it('accepts 64 levels of nesting and rejects 65', () => {
    const nest = (n: number): string => '<e>'.repeat(n - 2) + '<e x="1"/>' + '</e>'.repeat(n - 2);
    expect(() => parseCcda(`<r>${nest(63)}</r>`)).not.toThrow();
    expect(() => parseCcda(`<r>${nest(64)}</r>`)).toThrow(expect.objectContaining({ code: 'parse.ccda.too-deep' }));
  });

  it('counts list levels toward the depth limit', () => {
    const nest = (n: number): string => '<e>'.repeat(n) + '</e>'.repeat(n);
    const listAtBottom = (n: number): string => '<e>'.repeat(n) + '<x a="1"/><x a="2"/>' + '</e>'.repeat(n);
    expect(() => parseCcda(`<r>${nest(62)}</r>`)).not.toThrow();
    expect(() => parseCcda(`<r>${listAtBottom(60)}</r>`)).not.toThrow();
    expect(() => parseCcda(`<r>${listAtBottom(61)}</r>`)).toThrow(expect.objectContaining({ code: 'parse.ccda.too-deep' }));
  });
});
