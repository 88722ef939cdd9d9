import { describe, expect, it } from 'vitest';
import { renderSource } from '../runtime/test-helpers.js';
import type { EngineError } from '../../pipelines/contracts/errors.js';

const data = { n: null, f: false, s: 'a b', l: [3, 1, 2], d: { k: 'v' }, people: [{ name: 'b', age: 2 }, { name: 'A', age: 1 }, { name: 'c' }] };

function errorCode(source: string): string {
  try {
    renderSource(source, data);
  } catch (err) {
    return (err as EngineError).code;
  }
  return 'no error';
}

describe('standard filters (msfc-compat §6.9)', () => {
  it.each([
    ["{{ n | append: 'x' }}|{{ 'a' | append: n }}|{{ 'a' | prepend: 'b' }}", '|a|ba'],
    ["{{ f | default: 'd' }}|{{ '  ' | default: 'd' }}|{{ n | default: 0 }}", 'False|d|0'],
    ["{{ 'a,,b,' | split: ',' | join: '-' }}|{{ 'ab' | split: '' | join: '-' }}|{{ ' ' | split: ',' | size }}", 'a-b|a-b|1'],
    ["{{ l | join }}|{{ 'xy' | join: '+' }}|{{ tf | join: ',' }}", '3 1 2|x+y|True,False'],
    ["{{ 'a.b' | replace: '.', 'x' }}|{{ 'a  b' | replace: '\\s+', '_' }}|{{ 'ab' | replace: '(a)(b)', '$2$1' }}|{{ 'aa' | replace_first: 'a', 'b' }}", 'xxx|a_b|ba|ba'],
    ["{{ 'abca' | remove: 'a' }}|{{ 'a1b2' | remove_first: '\\d' }}", 'bc|ab2'],
    ['{{ s | size }}|{{ l | size }}|{{ d | size }}|{{ n | size }}|{{ 5 | size }}', '3|3|1|0|0'],
    ["{{ 'hello' | slice: 1, 3 }}|{{ 'hello' | slice: -2 }}|{{ 'hi' | slice: 5 }}|{{ l | slice: 1, 2 | join: ',' }}", 'ell|l||1,2'],
    ["{{ l | first }}{{ l | last }}{{ 'xyz' | first }}{{ 'xyz' | last }}", '32xz'],
    ["{{ 'Ab' | downcase }}{{ 'Ab' | upcase }}{{ n | upcase }}", 'abAB'],
    ["{{ '5' | plus: 1 }}|{{ 5 | plus: 1 }}|{{ 5 | plus: 1.5 }}|{{ n | plus: 1 }}|{{ 5 | minus: 7 }}", '51|6|6.5||-2'],
    ["{{ 10 | divided_by: 4 }}|{{ 10 | divided_by: 4.0 }}|{{ 7 | modulo: 3 }}|{{ 'ab' | times: 2 }}|{{ '3' | times: 1.0 }}|{{ 2 | times: 3 }}", '2|2.5|1|abab|3|6'],
    ['{{ 2.5 | round }}|{{ 3.5 | round }}|{{ 2.345 | round: 2 }}|{{ 1.2 | ceil }}|{{ 1.8 | floor }}|{{ "x" | ceil }}', '2|4|2.34|2|1|'],
    ['{{ html | escape }}', '&lt;a href=&quot;x&quot;&gt;It&#39;s &#233; &#128512;&lt;/a&gt;'],
    ["{{ '&lt; <' | escape_once }}|{{ '<' | h }}", '&lt; &lt;|&lt;'],
    ["{{ 'abcdefgh' | truncate: 5 }}|{{ 'a b c d' | truncate_words: 2 }}", 'ab...|a b...'],
    ["{{ '  x ' | strip }}|{{ '  x ' | lstrip }}|{{ '  x ' | rstrip }}|", 'x|x |  x|'],
    ["{{ '<p>a<!-- c --></p>' | strip_html }}|{{ nl | strip_newlines }}|{{ nl | newline_to_br }}", 'a|ab|a<br />\nb'],
    ["{{ 'a b&c~' | url_encode }}|{{ 'a+b%26c' | url_decode }}", 'a+b%26c%7E|a b&c'],
    ["{{ 'hello big world' | capitalize }}", 'Hello Big World'],
    ["{{ l | sort | join: ',' }}|{{ people | sort_natural: 'name' | map: 'name' | join: ',' }}|{{ people | map: 'age' | compact | join: ',' }}", '1,2,3|A,b,c|2,1'],
    ["{{ dup | uniq | join: ',' }}|{{ l | reverse | join: ',' }}|{{ people | where: 'age', 1 | map: 'name' | join }}|{{ people | where: 'age' | size }}", '1,2|2,1,3|A|2'],
    ['{{ 3 | at_least: 5 }}|{{ 3 | at_most: 5 }}', '5|3'],
    ["{{ 'x' | no_such_filter: 1 }}", 'x'],
    ["{{ 1234.5 | currency }}|{{ '-0.125' | currency }}|{{ '1,000' | currency: 'en-US' }}|{{ -2 | currency: 'en-GB' }}", '¤1,234.50|(¤0.13)|$1,000.00|-£2.00'],
    ["{{ 1234567.891 | currency: 'de-DE' }}|{{ 'abc' | currency }}|{{ n | currency }}|{{ true | currency }}", '1.234.567,89\u00a0€|abc||True'],
  ])('%s', (source, expected) => {
    expect(renderSource(source, { ...data, tf: [true, false], nl: 'a\nb', html: '<a href="x">It\'s é 😀</a>', dup: [1, 1, 2] })).toBe(expected);
  });

  it.each([
    ["{{ d | upcase }}", 'render.invalid-filter-argument'],
    ["{{ 'a' | upcase: 1 }}", 'render.invalid-filter-argument'],
    ["{{ 'x' | slice }}", 'render.invalid-filter-argument'],
    ["{{ 'x' | truncate: 'abc' }}", 'render.invalid-filter-argument'],
    ["{{ 5 | plus: 'a' }}", 'render.invalid-math'],
    ['{{ 5 | divided_by: 0 }}', 'render.invalid-math'],
    ["{{ 'abc' | remove: '' }}", 'render.invalid-filter-argument'],
    ['{{ n | ceil }}', 'render.invalid-math'],
    ["{{ 5 | currency: 'xx-YY' }}", 'render.unknown-culture'],
  ])('%s fails with %s', (source, code) => {
    expect(errorCode(source)).toBe(code);
  });
});
