import { describe, expect, it } from 'vitest';
import { writeNewtonsoftJson } from './newtonsoft-json.js';
import { engineFor, renderSource } from './test-helpers.js';
import { toOutputText } from './to-text.js';

/** A foreign Date subclass whose text depends on the host zone (the runtime duck-types toLiquidText/toNewtonsoftText). */
class ZonedDate extends Date {
  toLiquidText(timeZone: string): string {
    return `liquid@${timeZone}`;
  }
  toNewtonsoftText(timeZone: string): string {
    return `json@${timeZone}`;
  }
}

const when = new ZonedDate(Date.UTC(2020, 2, 4, 5, 6, 7));
const plain = new Date(Date.UTC(2020, 2, 4, 5, 6, 7, 500));

describe('date values (msfc-compat §6.5, §6.8, §9.3)', () => {
  it('{{ }} prints toLiquidText in the engine time zone, plain dates as MM/dd/yyyy HH:mm:ss', () => {
    expect(renderSource('{{ d }}|{{ p }}', { d: when, p: plain })).toBe('liquid@UTC|03/04/2020 05:06:07');
    const engine = engineFor({ 'T.liquid': '{{ d }}' }, { timeZone: 'America/New_York' });
    expect(engine.render('T', { d: when })).toBe('liquid@America/New_York');
  });

  it('string filter inputs and arguments coerce dates to their Liquid text', () => {
    expect(renderSource("{{ d | upcase }}|{{ 'x' | append: p }}", { d: when, p: plain })).toBe('LIQUID@UTC|x03/04/2020 05:06:07');
  });

  it('dates nested in lists and mappings print their Liquid text', () => {
    expect(toOutputText([when, { k: when }], 'Europe/Paris')).toBe('liquid@Europe/ParisSystem.Collections.Generic.Dictionary`2[System.String,System.Object]');
    expect(toOutputText({ k: when }, 'UTC')).toBe('[k, liquid@UTC]');
    expect(renderSource("{{ l | join: ',' }}", { l: [when, 1] })).toBe('liquid@UTC,1');
  });

  it('the compact JSON writer (mergeDiff) uses toNewtonsoftText; plain dates write ISO UTC', () => {
    expect(writeNewtonsoftJson({ a: when, b: [plain] }, { timeZone: 'Asia/Tokyo' })).toBe('{"a":"json@Asia/Tokyo","b":["2020-03-04T05:06:07.5Z"]}');
    expect(renderSource('{% mergeDiff m %}{ "c": 1 }{% endmergeDiff %}', { m: { a: when } })).toBe('{"a":"json@UTC","c":1}');
  });

  it('dates compare by instant and with their text', () => {
    const source = "{% if d == e %}same{% endif %}{% if p == '03/04/2020 05:06:07' %}|text{% endif %}{% if p > d %}|later{% endif %}";
    expect(renderSource(source, { d: when, e: new Date(when.getTime()), p: plain })).toBe('same|text|later');
  });
});
