import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { engineFor } from './test-helpers.js';
import { NetDouble } from './values.js';

/**
 * Evidence for docs/liquid-runtime.md: for each row of msfc-compat §12, liquidjs 10.30.1 with default options gives
 * a non-reference result (or throws) while this runtime gives the reference (DotLiquid 2.2, DotLiquid20) result.
 */

const PARTIALS: Record<string, string> = {
  P: '[{{ P }}]',
  Q: '[{{ inCode }}|{{ Q }}]',
  E: '  id-{{ a }}  ',
};

interface Row {
  area: string;
  template: string;
  data?: Record<string, unknown>;
  /** Data for our engine when the value model differs from plain JS (doubles). */
  ours?: Record<string, unknown>;
  reference: string | { error: string };
  /** What liquidjs 10.30.1 does, as observed: its output, or the start of its error message. */
  liquidjs: string | { throws: string };
}

const ROWS: Row[] = [
  { area: 'whitespace `-`', template: 'A  {%- if x -%}\n    B\n{%- endif -%}\nC', data: { x: true }, reference: 'A    B\nC', liquidjs: 'ABC' },
  { area: '`elseif`', template: '{% if a %}1{% elseif b %}2{% endif %}', data: { b: true }, reference: '2', liquidjs: { throws: 'tag "elseif" not found' } },
  { area: '`else if x`', template: '{% if a %}1{% else if b %}2{% else %}3{% endif %}', reference: '2', liquidjs: { throws: 'unexpected "if b"' } },
  { area: 'variable names', template: '{% assign patientId = 1 %}{{ PATIENTID }}', reference: '1', liquidjs: '' },
  { area: '`"1" == 1`', template: '{% if "1" == 1 %}y{% else %}n{% endif %}', reference: 'y', liquidjs: 'n' },
  { area: '`for` over string', template: '{% for c in s %}[{{ c }}]{% endfor %}', data: { s: 'ab' }, reference: '[a][b]', liquidjs: '[ab]' },
  { area: 'iterating mapping', template: '{% for p in m %}{{ p.Key }}={{ p.Value }};{% endfor %}', data: { m: { a: 1, b: 2 } }, reference: 'a=1;b=2;', liquidjs: '=;=;' },
  { area: '`{{ mapping }}`', template: '{{ m }}', data: { m: { a: 1, b: 2 } }, reference: '[a, 1][b, 2]', liquidjs: '[object Object]' },
  { area: '`{{ [1,\'x\',true] }}`', template: '{{ l }}', data: { l: [1, 'x', true] }, reference: '1xTrue', liquidjs: '1xtrue' },
  { area: '`append` on nil', template: "{{ n | append: 'x' }}", reference: '', liquidjs: 'x' },
  { area: '`split`', template: "{{ 'a,,b' | split: ',' | size }}", reference: '2', liquidjs: '3' },
  { area: '`replace`', template: "{{ 'a.b' | replace: '.', 'x' }}", reference: 'xxx', liquidjs: 'axb' },
  { area: '`plus` on string', template: "{{ '5' | plus: 1 }}", reference: '51', liquidjs: '6' },
  { area: '`default` on `false`', template: "{{ f | default: 'd' }}", data: { f: false }, reference: 'False', liquidjs: 'd' },
  { area: 'list index out of range', template: '{{ l[5] }}', data: { l: [1, 2] }, reference: { error: 'render.index-out-of-range' }, liquidjs: '' },
  { area: '`include` per element (`with K: v`)', template: "{% include 'Q' with inCode: s %}", data: { s: 'ab', inCode: 'c' }, reference: '[ab|c]', liquidjs: '[c|c]' },
  { area: '`include` per element (`with v`)', template: "{% include 'P' with v %}", data: { v: ['x', 'y'] }, reference: '[x][y]', liquidjs: '[xy]' },
  { area: '`evaluate`', template: "{% evaluate id using 'E' a: 7 -%}\n<{{ id }}>", reference: '<id-7>', liquidjs: { throws: 'tag "evaluate" not found' } },
  { area: 'lenient markup (`{{x}}` in a tag)', template: '{% assign y = {{x}} %}{{ y }}', data: { x: 3 }, reference: '3', liquidjs: { throws: 'invalid value expression: "{{x}}"' } },
  { area: 'lenient markup (`{{{x}}`)', template: '{{{x}}', data: { x: 3 }, reference: '3', liquidjs: { throws: 'invalid value expression: "{x"' } },
  { area: '`x == blank` for `" "`', template: '{% if s == blank %}y{% else %}n{% endif %}', data: { s: ' ' }, reference: 'n', liquidjs: 'y' },
  { area: '`x contains nil` on a string', template: '{% if s contains n %}y{% endif %}', data: { s: 'abc' }, reference: { error: 'render.invalid-contains' }, liquidjs: '' },
  { area: '`10 | divided_by: 4`', template: '{{ 10 | divided_by: 4 }}', reference: '2', liquidjs: '2.5' },
  { area: 'numbers in output', template: '{{ d }}|{{ e }}', data: { d: 1e15, e: 1e-5 }, ours: { d: new NetDouble(1e15), e: new NetDouble(1e-5) }, reference: '1E+15|1E-05', liquidjs: '1000000000000000|0.00001' },
];

/** Rows of §12 marked "keep": liquidjs already agrees with the reference. */
const AGREEING: Row[] = [
  { area: 'unknown filter', template: "{{ 'x' | no_such_filter: 1 }}", reference: 'x', liquidjs: 'x' },
  { area: '`case` renders every matching `when`', template: '{% case x %}{% when 1 %}a{% when 1 %}b{% endcase %}', data: { x: 1 }, reference: 'ab', liquidjs: 'ab' },
];

function renderLiquidjs(row: Row): string | { throws: string } {
  const liquid = new Liquid({ templates: PARTIALS });
  try {
    return liquid.parseAndRenderSync(row.template, row.data ?? {}) as string;
  } catch (err) {
    return { throws: (err as Error).message };
  }
}

function renderOurs(row: Row): string | { error: string } {
  const files: Record<string, string> = { 'T.liquid': row.template };
  for (const [name, text] of Object.entries(PARTIALS)) files[`${name}.liquid`] = text;
  try {
    return engineFor(files).render('T', row.ours ?? row.data ?? {});
  } catch (err) {
    return { error: (err as { code: string }).code };
  }
}

function sameAsLiquidjs(actual: string | { throws: string }, observed: Row['liquidjs']): void {
  if (typeof observed === 'string') expect(actual).toBe(observed);
  else expect(typeof actual === 'object' ? actual.throws : actual).toContain(observed.throws);
}

describe('liquidjs 10.30.1 diverges from the reference on every msfc-compat §12 row', () => {
  it.each(ROWS.map((row) => [row.area, row] as const))('%s', (_area, row) => {
    const theirs = renderLiquidjs(row);
    sameAsLiquidjs(theirs, row.liquidjs);
    expect(theirs).not.toEqual(row.reference);
    expect(renderOurs(row)).toEqual(row.reference);
  });
});

describe('rows where liquidjs already agrees (kept as a control)', () => {
  it.each(AGREEING.map((row) => [row.area, row] as const))('%s', (_area, row) => {
    expect(renderLiquidjs(row)).toBe(row.reference);
    expect(renderOurs(row)).toBe(row.reference);
  });
});
