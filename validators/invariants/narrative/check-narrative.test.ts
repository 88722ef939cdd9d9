import { describe, it, expect } from 'vitest';
import { checkNarrativeDiv, NARRATIVE_LIMITS } from './check-narrative.js';
import { issueLines } from '../../test-helpers.js';
import { defaultValidator } from '../../test-helpers.js';

const NS = 'xmlns="http://www.w3.org/1999/xhtml"';
const div = (inner: string): string => `<div ${NS}>${inner}</div>`;
const lines = (html: string): string[] => checkNarrativeDiv(html).map((f) => `${f.rule} ${f.code} ${f.text}`);

describe('checkNarrativeDiv: valid narrative', () => {
  it('accepts plain text, formatting, lists, tables, links, images, comments, CDATA and references', () => {
    expect(lines(div('Hello'))).toEqual([]);
    expect(lines(div('<p>a <b>b</b> <i>c</i> <span class="x" style="color: red" id="s1">d</span><br/></p>'))).toEqual([]);
    expect(lines(div('<ul><li>one</li></ul><ol start="2"><li value="2">two</li></ol><dl><dt>t</dt><dd>d</dd></dl>'))).toEqual([]);
    expect(lines(div('<table border="1"><caption>c</caption><colgroup><col span="2"/></colgroup><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2" valign="top">v</td></tr></tbody></table>'))).toEqual([]);
    expect(lines(div('<a name="top"/><a href="https://example.org/x?a=1&amp;b=2">link</a><img src="#pic" alt="x"/>'))).toEqual([]);
    expect(lines(div('<!-- note --><p>&lt;5 &amp; &gt;3 &quot;q&quot; &apos;a&apos; &#160;&#xE9;</p><![CDATA[raw <b>]]>'))).toEqual([]);
    expect(lines(`<div ${NS} xml:lang="en" lang="en"><p xmlns="http://www.w3.org/1999/xhtml" dir="ltr">x</p></div>`)).toEqual([]);
    expect(lines(`  <div ${NS}>\n  <h1>T</h1><pre>  x</pre><blockquote cite="u">q</blockquote><hr/>\n</div>  `)).toEqual([]);
    expect(lines(`<div ${NS}><img src="data:image/png;base64,AAAA"/></div>`)).toEqual([]);
  });
});

describe('checkNarrativeDiv: txt-1', () => {
  it('names the element, its position inside the div and the fix', () => {
    expect(lines(div('<p>a</p><p>b<script>x()</script></p>'))).toEqual([
      'txt-1 invariant <script> at div/p[2]/script is not allowed in FHIR narrative (txt-1); scripts are not allowed; remove it',
    ]);
    expect(lines(div('<body><p>x</p></body>'))).toEqual([
      'txt-1 invariant <body> at div/body is not allowed in FHIR narrative (txt-1); body is not allowed; put its content directly in the div',
    ]);
    expect(lines(div('<form><input/></form><iframe src="x"/><object/><font>f</font><ins>i</ins>'))).toEqual([
      'txt-1 invariant <form> at div/form is not allowed in FHIR narrative (txt-1); forms are not allowed; remove it',
      'txt-1 invariant <iframe> at div/iframe is not allowed in FHIR narrative (txt-1); iframes are not allowed; remove it',
      'txt-1 invariant <object> at div/object is not allowed in FHIR narrative (txt-1); objects are not allowed; use <img> for images',
      'txt-1 invariant <font> at div/font is not allowed in FHIR narrative (txt-1); deprecated element; use <span style="...">',
      'txt-1 invariant <ins> at div/ins is not allowed in FHIR narrative (txt-1); HTML 4.0 §9.4 (document changes) is excluded; use <span>',
    ]);
  });

  it('reports event, unknown and CDA attributes, and script URLs', () => {
    expect(lines(div('<p onclick="x()" styleCode="Bold">a</p><table><tr><td ID="c1">x</td></tr></table><a href=" javascript:x()">y</a>'))).toEqual([
      'txt-1 invariant event attribute onclick on <p> at div/p is not allowed in FHIR narrative (txt-1); remove it',
      'txt-1 invariant attribute styleCode on <p> at div/p is not allowed in FHIR narrative (txt-1); CDA attribute; use class',
      'txt-1 invariant attribute ID on <td> at div/table/tr/td is not allowed in FHIR narrative (txt-1); CDA attribute; use id',
      'txt-1 invariant attribute href of <a> at div/a is a script URL, not allowed in FHIR narrative (txt-1); remove it',
    ]);
  });

  it('points CDA narrative elements to their XHTML counterpart and reports only the outermost refused element', () => {
    expect(lines(div('<paragraph><content styleCode="x">a</content></paragraph><list><item>i</item></list>'))).toEqual([
      'txt-1 invariant <paragraph> at div/paragraph is not allowed in FHIR narrative (txt-1); CDA narrative element; convert it to <p>',
      'txt-1 invariant <list> at div/list is not allowed in FHIR narrative (txt-1); CDA narrative element; convert it to <ul> or <ol>',
    ]);
  });

  it('asks for lowercase names', () => {
    expect(lines(div('<P CLASS="x">a</P><p CLASS="y">b</p>'))).toEqual([
      'txt-1 invariant <P> at div/P is not allowed in FHIR narrative (txt-1); XHTML names are lowercase; write <p>',
      'txt-1 invariant attribute CLASS on <p> at div/p is not allowed in FHIR narrative (txt-1); XHTML names are lowercase; write class',
    ]);
  });

  it('caps the findings of one div', () => {
    const found = checkNarrativeDiv(div('<u>x</u>'.repeat(30)));
    expect(found).toHaveLength(20);
    expect(found[19].text).toMatch(/div\/u\[20\] .*\(10 more narrative problems in this div are not listed\)$/);
  });
});

describe('checkNarrativeDiv: xhtml data type and txt-2', () => {
  it('requires a root div in the XHTML namespace', () => {
    expect(lines('<div>x</div>')).toEqual([`xhtml value the narrative root <div> has no xmlns; it SHALL declare ${NS}`]);
    expect(lines('<div xmlns="urn:hl7-org:v3"><p>x</p></div>')).toEqual([`xhtml value the narrative root <div> is in namespace 'urn:hl7-org:v3'; it SHALL declare ${NS}`]);
    expect(lines(`<p ${NS}>x</p>`)).toEqual([`xhtml value the narrative root element is <p>; it SHALL be <div ${NS}>`]);
    expect(lines(div('<p><v3:content xmlns:v3="urn:hl7-org:v3">x</v3:content><span xmlns="urn:x">y</span></p>'))).toEqual([
      'xhtml value <v3:content> at div/p/v3:content has a namespace prefix; FHIR narrative uses the default XHTML namespace (write the element without prefix, or remove it)',
      'xhtml value <span> at div/p/span is not in the XHTML namespace; FHIR narrative holds XHTML elements only (remove its namespace or the element)',
    ]);
  });

  it('reports HTML named entities with the numeric fix', () => {
    expect(lines(div('<p title="a&copy;">x</p>'))).toEqual(['xhtml value &copy; in attribute title of <p> inside div is an HTML entity, which FHIR xhtml does not define; use &#169;']);
    expect(lines(div('<p>a</p><p>b&nbsp;c &hellip; &zwnj;</p>'))).toEqual([
      'xhtml value &nbsp; at div/p[2] is an HTML entity, which FHIR xhtml does not define; use &#160;',
      'xhtml value &hellip; at div/p[2] is an HTML entity, which FHIR xhtml does not define; use &#8230;',
      'xhtml value &zwnj; at div/p[2] is an HTML entity, which FHIR xhtml does not define; use a numeric character reference (&#NNNN;) or the character itself',
    ]);
  });

  it('reports malformed XML once, at the element where the scan stopped', () => {
    const bad: [string, string][] = [
      [div('<p>a <b>b</p>'), 'div/p/b (offset 51): expected </b> but found </p>'],
      [div('<p>a < b</p>'), "div/p (offset 48): '<' does not start a tag; escape it as &lt;"],
      [div('<p>R&D</p>'), "div/p (offset 46): '&' does not start a reference; escape it as &amp;"],
      [div('<p class=x>a</p>'), 'div (offset 51): the value of attribute class of <p> is not quoted'],
      [div('<p class="a" class="b">a</p>'), 'div (offset 55): attribute class appears twice on <p>'],
      [div('<p>a</p>'), ''],
      [`<div ${NS}><p>a</p>`, 'div (offset 50): <div> is not closed'],
      [`<div ${NS}>a</div><div>b</div>`, 'top level (offset 49): a second element follows the root element'],
      [`text<div ${NS}>a</div>`, 'top level (offset 0): text outside the root element'],
      [`<!DOCTYPE html><div ${NS}>a</div>`, 'top level (offset 0): DOCTYPE and other declarations are not allowed'],
      [div('a\u0001b'), 'div (offset 43): control character U+0001 is not allowed in XML'],
      [div('a &#0; b'), 'div (offset 44): &#0; is not a valid character reference'],
      [div('<!-- a -- b -->x'), "div (offset 49): '--' is not allowed inside a comment"],
      [div('a ]]> b'), "div (offset 44): ']]>' is not allowed in text; write ]]&gt;"],
    ];
    const expected = bad.map(([html, where]) => [html, where === '' ? [] : [`xhtml value the narrative div is not well-formed XML at ${where}`]]);
    expect(bad.map(([html]) => [html, lines(html)])).toEqual(expected);
  });

  it('requires some non-whitespace content (txt-2); an image counts as content', () => {
    const empty = 'txt-2 invariant the narrative <div> has no non-whitespace content (txt-2); add text that describes the resource';
    expect(lines(div(''))).toEqual([empty]);
    expect(lines(div(' <p> \n</p><br/>&#32;<!-- c --> '))).toEqual([empty]);
    expect(lines(div('<img src="#a"/>'))).toEqual([]);
    expect(lines(div('&#160;'))).toEqual([]);
  });

  it('never throws on random markup', () => {
    const parts = ['<div xmlns="http://www.w3.org/1999/xhtml">', '</div>', '<p>', '</p>', '<b a="1">', '</b>', '<br/>', '&amp;', '&nbsp;', '&#', ';', '<!--', '-->', '<![CDATA[', ']]>', '"', "'", '=', ' ', 'x', '<', '>', '&', '\u0000', '\uD800', '<?', '<!D'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 3000; n++) {
      let s = '';
      for (let k = next() % 24; k > 0; k--) s += parts[next() % parts.length];
      expect(() => checkNarrativeDiv(s), JSON.stringify(s)).not.toThrow();
      expect(checkNarrativeDiv(s).filter((f) => f.text.includes('could not be read')), JSON.stringify(s)).toEqual([]);
    }
  });

  it('stays bounded and never throws', () => {
    const deep = div('<span>'.repeat(NARRATIVE_LIMITS.maxDepth) + 'x' + '</span>'.repeat(NARRATIVE_LIMITS.maxDepth));
    expect(lines(deep)).toEqual([`xhtml too-costly the narrative div was not fully checked: it nests elements deeper than the ${NARRATIVE_LIMITS.maxDepth} levels the checker reads`]);
    expect(checkNarrativeDiv(div('<p>' + 'x'.repeat(NARRATIVE_LIMITS.maxLength) + '</p>'))[0].code).toBe('too-costly');
    for (const s of ['', '<', '<div', '<div ', '<div a', '<div a=', '<div a="', '</', '&', '<!--', '<![CDATA[', '\uD800', `<div ${NS}>\uDC00</div>`, '<div xmlns="http://www.w3.org/1999/xhtml"/>']) {
      expect(() => checkNarrativeDiv(s), JSON.stringify(s)).not.toThrow();
      expect(checkNarrativeDiv(s).length, JSON.stringify(s)).toBeGreaterThan(0);
    }
  });
});

describe('invariants validator: Narrative.div', () => {
  const patient = (html: string): unknown => ({ resourceType: 'Patient', text: { status: 'generated', div: html } });

  it('reports at the div expression with the rule id, and only there', () => {
    expect(issueLines(patient(div('<p>ok</p>')))).toEqual([]);
    expect(issueLines(patient(div('<p onclick="x">a</p>')))).toEqual(['error Patient.text.div txt-1']);
    expect(issueLines(patient(div(' ')))).toEqual(['error Patient.text.div txt-2']);
    expect(issueLines(patient('<div>x</div>'))).toEqual(['error Patient.text.div xhtml']);
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001', resource: { resourceType: 'Composition', status: 'final', type: { text: 't' }, date: '2024-01-01', author: [{ display: 'a' }], title: 't', section: [{ title: 's', text: { status: 'generated', div: div('<p>a&nbsp;</p>') } }] } }],
    };
    const issues = defaultValidator().validate(bundle as never).filter((i) => i.severity === 'error');
    expect(issues.map((i) => `${i.expression?.[0]} ${i.code} ${i.details.text}`)).toEqual([
      'Bundle.entry[0].resource.section[0].text.div value &nbsp; at div/p is an HTML entity, which FHIR xhtml does not define; use &#160;',
    ]);
  });

  it('is part of the invariants family (off with checkInvariants: false)', () => {
    expect(issueLines(patient(div('<script>x</script>')), { checkInvariants: false })).toEqual([]);
  });
});
