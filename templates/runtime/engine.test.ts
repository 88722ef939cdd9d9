import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateEngine } from './engine.js';
import { engineFor, renderSource, writeTemplateDir } from './test-helpers.js';
import type { EngineError } from '../../pipelines/contracts/errors.js';

function caught(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (err) {
    return err as EngineError;
  }
  throw new Error('expected an error');
}

describe('whitespace control (msfc-compat §6.1)', () => {
  it('renders the spec example', () => {
    expect(renderSource('A  {%- if x -%}\n    B\n{%- endif -%}\nC', { x: true })).toBe('A    B\nC');
  });

  it('trailing hyphen removes only spaces when spaces come first, and one newline otherwise', () => {
    expect(renderSource('{{ 1 -}}  \nX')).toBe('1\nX');
    expect(renderSource('{{ 1 -}}\n\nX')).toBe('1\nX');
    expect(renderSource('{{ 1 -}}\r\nX')).toBe('1X');
  });

  it('leading hyphen keeps newlines', () => {
    expect(renderSource('a\n \t{{- 2 }}')).toBe('a\n2');
  });
});

describe('markup leniency (msfc-compat §6.2)', () => {
  const data = { seg: { '3': 'three' }, idx: 2, name: 'n', Resource: { Patient: 'p' } };
  it.each([
    ['{{{name}}', 'n'],
    ['{{{name | upcase}}', 'N'],
    ['{{{seg..3}}', 'three'],
    ['a{{{name}}}b', 'an}b'],
    ['{{ seg..3 }}', 'three'],
    ['{{ Resource/Patient }}', 'p'],
    ["{% assign y = 'a' | append: {{name}} %}{{ y }}", 'an'],
    ["{{ 'a' | append: {{name}} }}", 'an }}'],
    ['{{ name | upcase -%}}', 'N'],
    ["{{ nothing | default : 'x' }}", 'x'],
    ["{{ 'abc' | replace: 'b' , 'X' }}", 'aXc'],
  ])('%s → %s', (source, expected) => {
    expect(renderSource(source, data)).toBe(expected);
  });

  it('quoted {{ }} assign takes the first fragment and pipes it into the filter', () => {
    const upper = { name: 'now', family: 'test', summary: 't', input: 'any' as const, params: [], fn: (i: unknown) => `<${String(i)}>` };
    const engine = engineFor({ 'T.liquid': '{% assign t = "{{ "" | now }}" %}{{ t }}' }, { filters: [upper] });
    expect(engine.render('T', {})).toBe('<{{ >');
  });

  it('{{x}} as a condition operand and an assign value is variable x', () => {
    expect(renderSource('{% assign y = {{x}} %}{% if {{y}} == 3 %}ok{% endif %}', { x: 3 })).toBe('ok');
  });

  it('parts may start with digits and brackets evaluate expressions', () => {
    expect(renderSource("{{ s.2_16 }}{{ s['k'] }}{{ l[i] }}", { s: { '2_16': 'a', k: 'b' }, l: [1, 2], i: 1 })).toBe('ab2');
  });
});

describe('scopes (msfc-compat §6.3)', () => {
  it('top-level names are case-insensitive, data keys are not', () => {
    expect(renderSource('{% assign patientId = 1 %}{{ PATIENTID }}{{ Msg.a }}{{ msg.A }}', { msg: { a: 'x' } })).toBe('1x');
  });

  it('assign inside for and include writes the global scope', () => {
    const out = renderSource('{% for i in (1..3) %}{% assign last = i %}{% endfor %}{{ last }}{% include "P" %}{{ fromP }}', {}, {
      'P.liquid': '{% assign fromP = "p" %}',
    });
    expect(out).toBe('3p');
  });

  it('loop variables and include arguments disappear on exit', () => {
    expect(renderSource('{% for i in (1..2) %}{% endfor %}[{{ i }}]{% include "P" a: 1 %}[{{ a }}]', {}, { 'P.liquid': '{{ a }}' })).toBe('[]1[]');
  });

  it('inner bindings shadow globals and data; nil shadows too; exits restore the outer values', () => {
    const out = renderSource(
      '{% assign a = "g" %}{% include "P" a: "x" %}{{ a }}|{% include "P" a: nil %}{{ a }}|{% include "P" msg: 1 %}{{ msg.k }}',
      { msg: { k: 'd' } },
      { 'P.liquid': '[{{ a }}{{ msg.k }}{% for a in (1..2) %}{{ a }}{% endfor %}{{ a }}]' },
    );
    expect(out).toBe('[xd12x]g|[d12]g|[g12g]d');
  });

  it('assign to a shadowed name writes the global, seen once the shadowing scopes exit', () => {
    const out = renderSource('{% assign i = "g" %}{% for i in (1..2) %}{% include "P" i: "p" %}{{ i }}{% endfor %}{{ i }}', {}, {
      'P.liquid': '{{ i }}{% assign i = "new" %}{{ i }}',
    });
    expect(out).toBe('pp1pp2new');
  });

  it('a name first bound in a scope is unbound again after it', () => {
    const out = renderSource('{% for x in (1..1) %}{% for x in (2..2) %}{{ x }}{% endfor %}{{ x }}{% endfor %}[{{ x }}]{% assign x = 5 %}{{ x }}');
    expect(out).toBe('21[]5');
  });

  it('nesting deeper than 80 scopes fails', () => {
    const err = caught(() => renderSource('{% include "T" %}'));
    expect(err.code).toBe('render.nesting-too-deep');
  });
});

describe('lookup (msfc-compat §6.4)', () => {
  it('list index out of range is a render error, mapping numeric keys use text', () => {
    expect(caught(() => renderSource('{{ l[5] }}', { l: [1, 2] })).code).toBe('render.index-out-of-range');
    expect(renderSource('{{ m[0] }}', { m: { '0': 'zero' } })).toBe('zero');
  });

  it('size/first/last work on lists, strings and mappings; a real key wins', () => {
    expect(renderSource('{{ l.size }}{{ l.first }}{{ l.LAST }}{{ s.size }}{{ s.first }}{{ m.size }}', { l: [1, 2, 3], s: 'abc', m: { size: 'own' } })).toBe(
      '3133aown',
    );
  });

  it('key/value pairs answer Key/Value/0/1/key and inner keys', () => {
    const out = renderSource('{% for p in m %}{{ p.Key }}={{ p.Value }};{{ p[0] }}{{ p.root.x }}|{% endfor %}', { m: { root: { x: 'X' }, b: 2 } });
    expect(out).toBe('root=[x, X];rootX|b=2;b|');
  });
});

describe('rendering (msfc-compat §6.5)', () => {
  it('prints enumerables with .NET element text', () => {
    expect(renderSource('{{ l }}', { l: [1, 'x', true, null, 2.5] })).toBe('1xTrue2.5');
    expect(renderSource('{{ id }}', { id: { nullFlavor: 'UNK' } })).toBe('[nullFlavor, UNK]');
    expect(renderSource('{{ m }}', { m: { a: [1] } })).toBe('[a, System.Collections.Generic.List`1[System.Object]]');
  });

  it('prints decimals without trailing zeros and booleans lower-case', () => {
    expect(renderSource('{{ 5.50 }}{{ t }}{{ 1e15 }}', { t: false })).toBe('5.5false');
  });
});

describe('conditions (msfc-compat §6.6)', () => {
  it.each([
    ['"5" == 5', true],
    ['5 == "5"', true],
    ['t == "True"', true],
    ['"true" == t', false],
    ['6 == 5.5', true],
    ['nil == ""', false],
    ['n == empty', false],
    ['"" == empty', true],
    ['l == empty', true],
    ['" " == blank', false],
    ['"10" < "8"', true],
    ['l contains 1', false],
    ['m contains "k"', false],
    ["'abc' startsWith 'ab'", true],
    ["'abc' endsWith 'bc'", true],
    ["m hasKey 'k'", true],
    ["m hasValue 1", true],
    ['1 <> 2', true],
    ["x =='a'", true],
    ['false and false or true', false],
    ['true or false and false', true],
    ['"" and 0', true],
  ])('%s is %s', (cond, expected) => {
    const data = { t: true, n: null, l: [], m: { k: 1 }, x: 'a' };
    expect(renderSource(`{% if ${cond} %}yes{% else %}no{% endif %}`, data)).toBe(expected ? 'yes' : 'no');
  });

  it('contains with nil right on a string is a render error', () => {
    expect(caught(() => renderSource('{% if "abc" contains nothing %}{% endif %}')).code).toBe('render.invalid-contains');
  });
});

describe('tags (msfc-compat §6.7)', () => {
  it('elseif is elsif and "else if" is a plain else', () => {
    expect(renderSource('{% if a %}1{% elseif b %}2{% endif %}', { b: true })).toBe('2');
    expect(renderSource('{% if a %}1{% else if b %}2{% else %}3{% endif %}', { b: false })).toBe('2');
  });

  it('unless negates only the first condition', () => {
    expect(renderSource('{% unless a %}1{% elsif a %}2{% endunless %}', { a: true })).toBe('2');
  });

  it('case renders every matching when and else only without match', () => {
    expect(renderSource('{% case x %}{% when 1, 2 %}A{% when 2 or 3 %}B{% else %}C{% endcase %}', { x: 2 })).toBe('AB');
    expect(renderSource('{% case x %}{% when 1 %}A{% else %}C{% endcase %}', { x: 9 })).toBe('C');
  });

  it('for iterates strings by character, supports reversed/limit/offset/else and forloop', () => {
    expect(renderSource('{% for c in s %}{{ c }}.{% endfor %}', { s: 'ab' })).toBe('a.b.');
    expect(renderSource('{% for i in l reversed limit: 2 offset: 1 %}{{ i }}{{ forloop.index }}{{ forloop.last }}{% endfor %}', { l: [1, 2, 3, 4] })).toBe(
      '31false22true',
    );
    expect(renderSource('{% for i in n %}x{% else %}empty{% endfor %}')).toBe('empty');
    expect(renderSource('{% for i in (1..5) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}')).toBe('13');
  });

  it('for over more than maxIterations items fails', () => {
    const engine = engineFor({ 'T.liquid': '{% for i in (1..5) %}{% endfor %}' }, { maxIterations: 4 });
    expect(caught(() => engine.render('T', {})).code).toBe('render.max-iterations');
  });

  it('capture, comment, raw, cycle', () => {
    expect(renderSource('{% capture c %} a {{ 1 }} {% endcapture %}[{{ c }}]{% comment %}{% bogus %}{% endcomment %}{% raw %}{{ x }}{% endraw %}')).toBe(
      '[ a 1 ]{{ x }}',
    );
    expect(renderSource("{% for i in (1..3) %}{% cycle 'a', 'b' %}{% endfor %}")).toBe('aba');
  });

  it('tablerow writes DotLiquid table markup', () => {
    expect(renderSource('{% tablerow i in l cols: 2 %}{{ i }}{{ tablerowloop.col_last }}{% endtablerow %}', { l: [1, 2, 3] })).toBe(
      '<tr class="row1">\n<td class="col1">1false</td><td class="col2">2true</td></tr>\n<tr class="row2"><td class="col1">3false</td></tr>\n',
    );
  });

  it('ifchanged outputs only changes', () => {
    expect(renderSource('{% for i in l %}{% ifchanged %}{{ i }}{% endifchanged %}{% endfor %}', { l: [1, 1, 2, 2, 1] })).toBe('121');
  });

  it('unknown tags and unclosed blocks are syntax errors with a location', () => {
    const err = caught(() => renderSource('line1\n{% frob %}'));
    expect(err.code).toBe('template.syntax');
    expect(err.location?.line).toBe(2);
    expect(caught(() => renderSource('{% if x %}')).code).toBe('template.syntax');
  });
});

describe('include (msfc-compat §2.4)', () => {
  const files = {
    'DataType/_XPN.liquid': '[{{ a }}{{ b }}]',
    'Each.liquid': '<{{ Each }}>',
    'Sub.liquid': '({{ inCode }}:{{ Sub }})',
  };

  it('accepts comma-less named arguments and sees earlier arguments', () => {
    expect(renderSource('{% include "DataType/XPN" a: x b: a %}', { x: 1 }, files)).toBe('[11]');
    expect(renderSource('{% include "DataType/XPN" a: 1, b: 2 extra %}', {}, files)).toBe('[12]');
  });

  it('renders once per element of an enumerable with-value', () => {
    expect(renderSource("{% include 'Each' with l %}", { l: ['x', 'y'] }, files)).toBe('<x><y>');
  });

  it('with K: v sets K and uses outer K as the subject', () => {
    expect(renderSource("{% include 'Sub' with inCode: s %}", { s: 'v' }, files)).toBe('(v:)');
  });

  it('a bare variable names the template', () => {
    expect(renderSource('{% include name %}', { name: 'Each' }, files)).toBe('<>');
  });

  it('a missing template is template.not-found', () => {
    expect(caught(() => renderSource("{% include 'Nope' %}")).code).toBe('template.not-found');
  });

  it('reports errors inside a partial with the partial file and line', () => {
    const err = caught(() => renderSource("x\n{% include 'DataType/Bad' %}", { l: [] }, { 'DataType/_Bad.liquid': 'ok\n\n{{ l[3] }}' }));
    expect(err.code).toBe('render.index-out-of-range');
    expect(err.location?.file).toMatch(/DataType[\\/]_Bad\.liquid$/);
    expect(err.location?.line).toBe(3);
  });
});

describe('evaluate (msfc-compat §2.5)', () => {
  it('trims the output and assigns globally; empty → nil', () => {
    const files = { 'Id.liquid': '  {{ v }}-id \n', 'Empty.liquid': '  ' };
    expect(renderSource("{% evaluate out using 'Id' v: 7 %}[{{ out }}]{% evaluate e using 'Empty' %}{% if e == nil %}nil{% endif %}", {}, files)).toBe('[7-id]nil');
  });

  it('malformed evaluate is a syntax error', () => {
    expect(caught(() => renderSource('{% evaluate out using Id %}')).code).toBe('template.syntax');
  });
});

describe('mergeDiff (msfc-compat §2.6)', () => {
  it('replaces [x] keys, deletes with "", appends new keys and normalises dates', () => {
    const out = renderSource(
      "{% mergeDiff msg -%}{ 'value[x]': 'n', b: null, // c\n d: '2013-04-02T09:30:10.000+01:00', } {%- endmergeDiff %}",
      { msg: { a: 1, valueQuantity: { v: 1 }, b: 'x' } },
    );
    expect(out).toBe('{"a":1,"valueQuantity":"n","b":"","d":"2013-04-02T08:30:10+00:00"}');
  });

  it('nil input prints "" and an empty diff prints the input', () => {
    expect(renderSource('{% mergeDiff nothing %}{}{% endmergeDiff %}')).toBe('""');
    expect(renderSource('{% mergeDiff m %} {% endmergeDiff %}', { m: { a: 'x' } })).toBe('{"a":"x"}');
  });

  it('invalid diff content is an error', () => {
    expect(caught(() => renderSource('{% mergeDiff m %}{a:1,,b:2}{% endmergeDiff %}', { m: {} })).code).toBe('render.invalid-merge-diff-content');
  });
});

describe('validate (msfc-compat §2.7)', () => {
  const files = { 'S.schema.json': '{"type":"object","required":["id"]}' };
  it('writes the body when valid and fails otherwise', () => {
    expect(renderSource('{% validate "S.schema.json" %}{"id":1}{% endvalidate %}', {}, files)).toBe('{"id":1}');
    expect(caught(() => renderSource('{% validate "S.schema.json" %}{"x":1}{% endvalidate %}', {}, files)).code).toBe('render.validate-unmatched');
  });

  it('records the schemas it used for trace', () => {
    const files = { 'T.liquid': '{% validate "S.schema.json" %}{"id":1}{% endvalidate %}', 'S.schema.json': '{"type":"object"}' };
    const trace = { schemas: [] as string[] };
    engineFor(files).render('T', {}, trace);
    expect(trace.schemas).toEqual(['S.schema.json']);
  });
});

describe('batch_render (msfc-compat §7.4)', () => {
  it('renders per element followed by commas; nil → ""', () => {
    const files = { 'Item.liquid': '{{ it }}/{{ all.size }}' };
    expect(renderSource("{{ l | batch_render: 'Item', 'it', 'all' }}|{{ n | batch_render: 'Item', 'it' }}", { l: [1, 2] }, files)).toBe('1/2,2/2,|');
  });
});

describe('template resolution, layering and caching (msfc-compat §2.1–2.3, §2.8)', () => {
  it('the first folder wins and the root parent path applies to includes and code mapping', () => {
    const builtIn = writeTemplateDir({ 'org/v2/_Root.liquid': "{% include 'DataType/X' %}{{ 'a' | code }}{{ rootTemplateParentPath }}", 'org/v2/DataType/_X.liquid': 'builtin', 'org/v2/CodeSystem/CodeSystem.json': '{"mapping":{"m":{}}}' });
    const user = writeTemplateDir({ 'org/v2/DataType/_X.liquid': 'user' });
    const code = { name: 'code', family: 'test', summary: 't', input: 'any' as const, params: [], fn(this: { codeMapping: unknown }): string { return this.codeMapping ? 'M' : '-'; } };
    const engine = new TemplateEngine({ templateDirs: [user, builtIn], filters: [code], codeMappingKey: 'CodeSystem/CodeSystem' });
    expect(engine.render('org/v2/Root', {})).toBe('userMorg/v2');
    expect(engine.hasTemplate('org/v2/DataType/X')).toBe(true);
    expect(engine.hasTemplate('Nope')).toBe(false);
  });

  it('invalid code mapping JSON is template.invalid-code-mapping', () => {
    const engine = engineFor({ 'T.liquid': 'x', 'CodeSystem/CodeSystem.json': '{"Mapping": ' }, { codeMappingKey: 'CodeSystem/CodeSystem' });
    expect(caught(() => engine.render('T', {})).code).toBe('template.invalid-code-mapping');
  });

  it('caches compiled templates until clearCache', () => {
    const dir = writeTemplateDir({ 'T.liquid': 'one', '_bom.liquid': '' });
    const engine = new TemplateEngine({ templateDirs: [dir], filters: [] });
    expect(engine.render('T', {})).toBe('one');
    writeFileSync(join(dir, 'T.liquid'), '\ufefftwo');
    expect(engine.render('T', {})).toBe('one');
    engine.clearCache();
    expect(engine.render('T', {})).toBe('two');
  });

  it('a missing root template is template.not-found', () => {
    expect(caught(() => engineFor({}).render('Missing', {})).code).toBe('template.not-found');
  });
});

describe('limits (msfc-compat §1.2)', () => {
  it('times out', () => {
    const engine = engineFor({ 'T.liquid': '{% for i in (1..90000) %}{% for j in (1..50) %}{% endfor %}{% endfor %}' }, { timeoutMs: 20 });
    expect(caught(() => engine.render('T', {})).code).toBe('render.timeout');
  });
});
