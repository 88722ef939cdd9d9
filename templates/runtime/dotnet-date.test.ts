import { describe, expect, it } from 'vitest';
import { detectNewtonsoftDate } from './dotnet-date.js';

const detectNetDate = detectNewtonsoftDate;

describe('Newtonsoft date detection (msfc-compat §9.3)', () => {
  it.each([
    ['2020-03-04T05:06:07.800+02:00', '2020-03-04T03:06:07.8+00:00', '03/04/2020 03:06:07'],
    ['2020-03-04T05:06:07.000Z', '2020-03-04T05:06:07Z', '03/04/2020 05:06:07'],
    ['2020-03-04T05:06:07', '2020-03-04T05:06:07', '03/04/2020 05:06:07'],
    ['2020-02-29T24:00:00', '2020-03-01T00:00:00', '03/01/2020 00:00:00'],
    ['2020-03-04T05:06:07.1234567-0130', '2020-03-04T06:36:07.1234567+00:00', '03/04/2020 06:36:07'],
  ])('%s', (text, json, liquid) => {
    const date = detectNetDate(text);
    expect(date?.toNewtonsoftText('UTC')).toBe(json);
    expect(date?.toLiquidText('UTC')).toBe(liquid);
  });

  it('shows local-kind dates in the host zone', () => {
    expect(detectNetDate('2020-07-04T12:00:00Z')?.kind).toBe('utc');
    const local = detectNetDate('2020-07-04T12:00:00+00:00');
    expect(local?.toNewtonsoftText('America/New_York')).toBe('2020-07-04T08:00:00-04:00');
    expect(local?.toLiquidText('America/New_York')).toBe('07/04/2020 08:00:00');
  });

  it.each(['2020-02-30T00:00:00', '2020-03-04T05:60:00', '2020-03-04 05:06:07', '20200304050607', '2020-03-04T05:06:07.12345678', 'x2020-03-04T05:06:07', '2020-03-04T24:00:01'])(
    'rejects %s',
    (text) => expect(detectNetDate(text)).toBeUndefined(),
  );
});
