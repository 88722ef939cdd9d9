import { describe, expect, it } from 'vitest';
import { readDelimiters } from './delimiters.js';
import { parseHl7Message } from './parse-message.js';

describe('readDelimiters', () => {
  it('reads the standard encoding characters', () => {
    expect(readDelimiters('MSH|^~\\&|A', ['MSH'], {})).toEqual({
      field: '|',
      component: '^',
      repetition: '~',
      escape: '\\',
      subcomponent: '&',
    });
  });

  it('recovers a doubled escape character in MSH-2 (^~\\\\&)', () => {
    expect(readDelimiters('MSH|^~\\\\&|SE050|050', ['MSH'], {}).subcomponent).toBe('&');
    const model = parseHl7Message('MSH|^~\\\\&|SE050|050|||20120912||ADT^A01|102|T|2.6\rPID|1||7^^^H&1.2&ISO\r');
    const pid = model.Data[1];
    expect(pid.liquidGet('3')).toBeDefined();
  });

  it('still rejects other duplicate delimiters with their position', () => {
    expect(() => readDelimiters('MSH|^^\\&|A', ['MSH'], { line: 1 })).toThrow(
      expect.objectContaining({ code: 'parse.hl7.bad-delimiters', location: expect.objectContaining({ field: 2 }) }),
    );
  });
});
