import { describe, expect, it } from 'vitest';
import { NetDouble } from './values.js';
import { writeNewtonsoftJson } from './newtonsoft-json.js';

describe('writeNewtonsoftJson (msfc-compat §9.2)', () => {
  it('serialises compact Newtonsoft JSON', () => {
    expect(writeNewtonsoftJson({ a: [1, new NetDouble(2), 'x"\n', null, true], b: { c: '\u2028' } })).toBe('{"a":[1,2.0,"x\\"\\n",null,true],"b":{"c":"\\u2028"}}');
  });
});
