import { describe, expect, it } from 'vitest';
import { detectNewtonsoftDate, liquidDateText, NetDateTime, newtonsoftDateText } from './dotnet-date.js';

describe('Newtonsoft date detection (msfc-compat §9.3)', () => {
  it.each([
    ['2020-03-04T05:06:07.800+02:00', '2020-03-04T03:06:07.8+00:00', '03/04/2020 03:06:07'],
    ['2020-03-04T05:06:07.000Z', '2020-03-04T05:06:07Z', '03/04/2020 05:06:07'],
    ['2020-03-04T05:06:07', '2020-03-04T05:06:07', '03/04/2020 05:06:07'],
    ['2020-02-29T24:00:00', '2020-03-01T00:00:00', '03/01/2020 00:00:00'],
    ['2020-03-04T05:06:07.1234567-0130', '2020-03-04T06:36:07.1234567+00:00', '03/04/2020 06:36:07'],
  ])('%s', (text, json, liquid) => {
    const date = detectNewtonsoftDate(text);
    expect(date?.toNewtonsoftText('UTC')).toBe(json);
    expect(date?.toLiquidText('UTC')).toBe(liquid);
  });

  it('shows local-kind dates in the host zone', () => {
    expect(detectNewtonsoftDate('2020-07-04T12:00:00Z')?.kind).toBe('utc');
    const local = detectNewtonsoftDate('2020-07-04T12:00:00+00:00');
    expect(local?.toNewtonsoftText('America/New_York')).toBe('2020-07-04T08:00:00-04:00');
    expect(local?.toLiquidText('America/New_York')).toBe('07/04/2020 08:00:00');
  });

  it.each(['2020-02-30T00:00:00', '2020-03-04T05:60:00', '2020-03-04 05:06:07', '20200304050607', '2020-03-04T05:06:07.12345678', 'x2020-03-04T05:06:07', '2020-03-04T24:00:01'])(
    'rejects %s',
    (text) => expect(detectNewtonsoftDate(text)).toBeUndefined(),
  );
});

describe('NetDateTime', () => {
  it('keeps a wall-time local value fixed and moves an instant-local value with the host zone', () => {
    const wall = Date.UTC(2020, 6, 4, 8);
    const fixed = new NetDateTime(wall, 0, 'local');
    const floating = NetDateTime.localAt(Date.UTC(2020, 6, 4, 12), 0);
    expect(fixed.wallIn('UTC')).toBe(wall);
    expect(fixed.wallIn('America/New_York')).toBe(wall);
    expect(floating.wallIn('America/New_York')).toBe(wall);
    expect(floating.offsetIn('America/New_York')).toBe(-240);
    expect(fixed.offsetIn('America/New_York')).toBe(-240);
  });

  it('is a Date, prints its Liquid text and keeps sub-millisecond ticks', () => {
    const value = detectNewtonsoftDate('2020-03-04T05:06:07.1234567Z');
    expect(value).toBeInstanceOf(Date);
    expect(String(value)).toBe('03/04/2020 05:06:07');
    expect(value?.subTicks).toBe(4567);
    expect(value?.toNewtonsoftText()).toBe('2020-03-04T05:06:07.1234567Z');
  });

  it('detects /Date(ms)/ and accepts trailing zeros beyond seven fraction digits', () => {
    expect(detectNewtonsoftDate('/Date(86400000)/')?.toNewtonsoftText()).toBe('1970-01-02T00:00:00Z');
    expect(detectNewtonsoftDate('/Date(0+0100)/')?.kind).toBe('local');
    expect(detectNewtonsoftDate('2020-03-04T05:06:07.12345670')?.toNewtonsoftText()).toBe('2020-03-04T05:06:07.1234567');
    expect(detectNewtonsoftDate('2020-03-04T05:06:07+15:00')).toBeUndefined();
  });

  it('plain JS dates print as UTC through the shared text helpers', () => {
    const plain = new Date(Date.UTC(2021, 0, 2, 3, 4, 5, 600));
    expect(liquidDateText(plain, 'Asia/Tokyo')).toBe('01/02/2021 03:04:05');
    expect(newtonsoftDateText(plain, 'Asia/Tokyo')).toBe('2021-01-02T03:04:05.6Z');
  });
});
