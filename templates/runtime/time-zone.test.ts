import { describe, expect, it } from 'vitest';
import { offsetAtInstant, offsetAtWallTime } from './time-zone.js';

const at = (iso: string): number => Date.parse(iso);

describe('host time zone offsets (msfc-compat §11)', () => {
  it('is zero for UTC', () => {
    expect(offsetAtInstant('UTC', at('2020-07-01T00:00:00Z'))).toBe(0);
    expect(offsetAtWallTime('Etc/UTC', at('2020-07-01T00:00:00Z'))).toBe(0);
  });

  it('follows daylight saving time at instants, including inside a transition hour', () => {
    expect(offsetAtInstant('America/New_York', at('2020-01-15T12:00:00Z'))).toBe(-300);
    expect(offsetAtInstant('America/New_York', at('2020-07-15T12:00:00Z'))).toBe(-240);
    expect(offsetAtInstant('America/New_York', at('2020-03-08T06:59:59Z'))).toBe(-300);
    expect(offsetAtInstant('America/New_York', at('2020-03-08T07:00:00Z'))).toBe(-240);
    expect(offsetAtInstant('Australia/Lord_Howe', at('2020-10-03T15:29:00Z'))).toBe(630);
    expect(offsetAtInstant('Australia/Lord_Howe', at('2020-10-03T15:31:00Z'))).toBe(660);
    expect(offsetAtInstant('Australia/Lord_Howe', at('2020-10-03T15:29:00Z'))).toBe(630);
    expect(offsetAtInstant('Asia/Kathmandu', at('2020-01-01T00:00:00Z'))).toBe(345);
  });

  it('resolves wall times like .NET: standard offset for ambiguous and skipped times', () => {
    expect(offsetAtWallTime('America/New_York', at('2020-07-15T08:00:00Z'))).toBe(-240);
    expect(offsetAtWallTime('America/New_York', at('2020-11-01T01:30:00Z'))).toBe(-300);
    expect(offsetAtWallTime('America/New_York', at('2020-03-08T02:30:00Z'))).toBe(-300);
    expect(offsetAtWallTime('America/New_York', at('2020-03-08T03:30:00Z'))).toBe(-240);
    expect(offsetAtWallTime('Australia/Sydney', at('2020-01-15T10:00:00Z'))).toBe(660);
  });

  it('rejects an unknown zone with a render error', () => {
    expect(() => offsetAtInstant('Mars/Olympus', 0)).toThrow(expect.objectContaining({ code: 'render.invalid-host-time-zone' }));
  });
});
