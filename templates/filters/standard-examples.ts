import type { FilterSpec } from './define.js';

type Example = NonNullable<FilterSpec['examples']>[number];

const people = [{ name: 'b', age: 2 }, { name: 'A', age: 1 }, { name: 'c' }];

/** Documented Input/Output pairs of the standard filters, following msfc-compat §6.9 (executed by the docs test). */
export const STANDARD_EXAMPLES: Readonly<Record<string, Example[]>> = {
  append: [{ template: "{{ 'a' | append: 'b' }}", output: 'ab' }, { template: "[{{ missing | append: 'x' }}]", output: '[]' }],
  prepend: [{ template: "{{ 'a' | prepend: 'b' }}", output: 'ba' }],
  default: [{ template: "{{ f | default: 'd' }}|{{ '  ' | default: 'd' }}", data: { f: false }, output: 'False|d' }],
  downcase: [{ template: "{{ 'AbC' | downcase }}", output: 'abc' }],
  upcase: [{ template: "{{ 'AbC' | upcase }}", output: 'ABC' }],
  capitalize: [{ template: "{{ 'hello big world' | capitalize }}", output: 'Hello Big World' }],
  strip: [{ template: "[{{ '  x ' | strip }}]", output: '[x]' }],
  lstrip: [{ template: "[{{ '  x ' | lstrip }}]", output: '[x ]' }],
  rstrip: [{ template: "[{{ '  x ' | rstrip }}]", output: '[  x]' }],
  strip_html: [{ template: "{{ '<p>a<!-- c --></p>' | strip_html }}", output: 'a' }],
  strip_newlines: [{ template: '{{ t | strip_newlines }}', data: { t: 'a\nb' }, output: 'ab' }],
  newline_to_br: [{ template: '{{ t | newline_to_br }}', data: { t: 'a\nb' }, output: 'a<br />\nb' }],
  escape: [{ template: "{{ '<b>é</b>' | escape }}", output: '&lt;b&gt;&#233;&lt;/b&gt;' }],
  h: [{ template: "{{ 'a & b' | h }}", output: 'a &amp; b' }],
  escape_once: [{ template: "{{ '&lt; <' | escape_once }}", output: '&lt; &lt;' }],
  url_encode: [{ template: "{{ 'a b&c~' | url_encode }}", output: 'a+b%26c%7E' }],
  url_decode: [{ template: "{{ 'a+b%26c' | url_decode }}", output: 'a b&c' }],
  truncate: [{ template: "{{ 'abcdefgh' | truncate: 5 }}", output: 'ab...' }],
  truncate_words: [{ template: "{{ 'a b c d' | truncate_words: 2 }}", output: 'a b...' }],
  split: [{ template: "{{ 'a,,b,' | split: ',' | join: '-' }}", output: 'a-b' }],
  replace: [{ template: "{{ 'a.b' | replace: '.', 'x' }}|{{ 'ab' | replace: '(a)(b)', '$2$1' }}", output: 'xxx|ba' }],
  replace_first: [{ template: "{{ 'aa' | replace_first: 'a', 'b' }}", output: 'ba' }],
  remove: [{ template: "{{ 'a.b.' | remove: '.' }}", output: 'ab' }],
  remove_first: [{ template: "{{ 'a1b2' | remove_first: '\\d' }}", output: 'ab2' }],
  plus: [{ template: "{{ 5 | plus: 1 }}|{{ '5' | plus: 1 }}|{{ 5 | plus: 1.5 }}", output: '6|51|6.5' }],
  minus: [{ template: '{{ 5 | minus: 7 }}', output: '-2' }],
  times: [{ template: "{{ 2 | times: 3 }}|{{ 'ab' | times: 2 }}", output: '6|abab' }],
  divided_by: [{ template: '{{ 10 | divided_by: 4 }}|{{ 10 | divided_by: 4.0 }}', output: '2|2.5' }],
  modulo: [{ template: '{{ 7 | modulo: 3 }}', output: '1' }],
  round: [{ template: '{{ 2.5 | round }}|{{ 3.5 | round }}|{{ 2.345 | round: 2 }}', output: '2|4|2.34' }],
  ceil: [{ template: '{{ 1.2 | ceil }}', output: '2' }],
  floor: [{ template: '{{ 1.8 | floor }}', output: '1' }],
  at_least: [{ template: '{{ 3 | at_least: 5 }}', output: '5' }],
  at_most: [{ template: '{{ 3 | at_most: 5 }}', output: '3' }],
  size: [{ template: "{{ 'abc' | size }}|{{ m | size }}|{{ missing | size }}", data: { m: { k: 'v' } }, output: '3|1|0' }],
  first: [{ template: "{{ l | first }}{{ 'xyz' | first }}", data: { l: [3, 1] }, output: '3x' }],
  last: [{ template: "{{ l | last }}{{ 'xyz' | last }}", data: { l: [3, 1] }, output: '1z' }],
  join: [{ template: "{{ l | join }}|{{ l | join: ',' }}", data: { l: [1, true, 'x'] }, output: '1 True x|1,True,x' }],
  slice: [{ template: "{{ 'hello' | slice: 1, 3 }}|{{ 'hello' | slice: -2 }}", output: 'ell|l' }],
  sort: [{ template: "{{ l | sort | join: ',' }}", data: { l: [3, 1, 2] }, output: '1,2,3' }],
  sort_natural: [{ template: "{{ people | sort_natural: 'name' | map: 'name' | join: ',' }}", data: { people }, output: 'A,b,c' }],
  map: [{ template: "{{ people | map: 'age' | join: ',' }}", data: { people }, output: '2,1,' }],
  uniq: [{ template: "{{ l | uniq | join: ',' }}", data: { l: [1, 1, 2] }, output: '1,2' }],
  compact: [{ template: "{{ people | map: 'age' | compact | join: ',' }}", data: { people }, output: '2,1' }],
  reverse: [{ template: "{{ l | reverse | join: ',' }}", data: { l: [3, 1, 2] }, output: '2,1,3' }],
  where: [{ template: "{{ people | where: 'age', 1 | map: 'name' | join }}|{{ people | where: 'age' | size }}", data: { people }, output: 'A|2' }],
};

/** `specs` with the examples of {@link STANDARD_EXAMPLES} attached (a spec's own examples come first). */
export function withStandardExamples(specs: FilterSpec[]): FilterSpec[] {
  return specs.map((spec) => {
    const extra = STANDARD_EXAMPLES[spec.name];
    return extra ? { ...spec, examples: [...(spec.examples ?? []), ...extra] } : spec;
  });
}
