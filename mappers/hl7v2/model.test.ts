import { describe, it, expect } from 'vitest';
import { SafeList } from '../../templates/runtime/values.js';
import { parseHl7Message } from './parse-message.js';
import type { Hl7v2Data } from './hl7v2-data.js';

const EXAMPLE = [
  'MSH|^~\\&|APP|FAC|||20240102030405||ADT^A01|M1|P|2.5',
  'PID|1||111^^^H&1.2&ISO^MR~222^^^X^PI||Roe^Ann^B\\S\\C',
].join('\r');

/** Follows a Liquid dot path (`PID.3.Repeats[1]` written as ['PID', 3, 'Repeats', 1]) through drops and lists. */
function get(root: unknown, path: (string | number)[]): unknown {
  let v = root;
  for (const key of path) {
    if (v instanceof SafeList) {
      if (typeof key === 'number') v = v.at(key);
      else v = ({ size: v.size, first: v.at(0), last: v.at(v.size - 1) } as Record<string, unknown>)[key];
    } else if (Array.isArray(v)) {
      v = typeof key === 'number' ? v[key] : undefined;
    } else if (v && typeof v === 'object' && 'liquidGet' in v) {
      v = (v as { liquidGet(k: string | number): unknown }).liquidGet(key);
    } else return undefined;
  }
  return v;
}

function seg(data: Hl7v2Data, id: string): unknown {
  return data.Data[data.Meta.indexOf(id)];
}

describe('msfc-compat §3.3 worked example', () => {
  const data = parseHl7Message(EXAMPLE);
  const msh = seg(data, 'MSH');
  const pid = seg(data, 'PID');
  it('Meta and segment lookups', () => {
    expect(data.liquidGet('Meta')).toEqual(['MSH', 'PID']);
    expect(get(msh, ['3', 'Value'])).toBe('APP');
    expect(get(msh, ['5'])).toBeUndefined();
    expect(get(msh, ['9', '2', 'Value'])).toBe('A01');
    expect(get(msh, ['1', 'Value'])).toBe('|');
  });
  it('PID lookups', () => {
    expect(get(pid, ['3', 'Value'])).toBe('111^^^H&1.2&ISO^MR~222^^^X^PI');
    expect(get(pid, ['3', '1', 'Value'])).toBe('111');
    expect(get(pid, ['3', '2'])).toBeUndefined();
    expect(get(pid, ['3', '4', 'Value'])).toBe('H&1.2&ISO');
    expect(get(pid, ['3', '4', '2'])).toBe('1.2');
    expect(get(pid, ['3', 'Repeats', 'size'])).toBe(2);
    expect(get(pid, ['3', 'Repeats', 1, '5', 'Value'])).toBe('PI');
    expect(get(pid, ['5', '3', 'Value'])).toBe('B^C');
    expect(get(pid, ['5', '3', '2'])).toBeUndefined();
    expect(get(pid, ['0', 'Value'])).toBe('PID');
  });
});

describe('Hl7v2Data drop', () => {
  const data = parseHl7Message(EXAMPLE + '\r');
  it('answers Value/Meta/Data case-insensitively and nil for unknown names', () => {
    expect(data.liquidGet('value')).toBe(EXAMPLE + '\r');
    expect(data.liquidGet('META')).toBe(data.Meta);
    expect(data.liquidGet('data')).toBe(data.Data);
    expect(data.liquidGet('nothing')).toBeUndefined();
    expect(data.liquidGet(0)).toBeUndefined();
  });
  it('gives "" as the id of a line starting with the field separator', () => {
    expect(parseHl7Message('MSH|^~\\&|A\n|x|y').Meta).toEqual(['MSH', '']);
  });
});

describe('segment/field/component lookup table (msfc-compat §3.3)', () => {
  const data = parseHl7Message('MSH|^~\\&|A|B\rPID|1|^^|x^y&&z~r2||tail');
  const pid = seg(data, 'PID');
  it.each([
    [['VALUE'], 'PID|1|^^|x^y&&z~r2||tail'],
    [['fields', 'size'], 6],
    [['+02', 'Value'], '^^'],
    [['002', 'Components', 'size'], 4],
    [[' 3 ', '2', 'Subcomponents', 'size'], 4],
    [['3', '2', 'subcomponents', 2], ''],
    [['3', '2', '3'], 'z'],
    [['3', '2', '9'], undefined],
    [['3', 'repeats', 1, 'Value'], 'r2'],
    [['3', 'Repeats', 1, 'Repeats', 'size'], 0],
    [['3', 'Repeats', 5], undefined],
    [['3', 'Components', 0], undefined],
    [['4'], undefined],
    [['99'], undefined],
    [['-1'], undefined],
    [[-1], undefined],
    [[5, 1, 'Value'], 'tail'],
  ])('PID %j → %j', (path, expected) => {
    expect(get(pid, path)).toEqual(expected);
  });
  it('a field of only separators is non-nil with nil components', () => {
    const f = get(pid, ['2']);
    expect(f).toBeDefined();
    expect(get(f, ['1'])).toBeUndefined();
    expect(get(f, ['3'])).toBeUndefined();
  });
  it.each([
    [['size']],
    [['first']],
    [['2', 'last']],
    [['3', '1', 'size']],
    [['99999999999']],
    [['1.5']],
  ])('unknown property %j throws render.property-not-found', (path) => {
    expect(() => get(pid, path)).toThrow(expect.objectContaining({ code: 'render.property-not-found', stage: 'render' }));
  });
  it('Components is the same list as Repeats[0].Components', () => {
    const f = get(pid, ['3']) as { Components: unknown; Repeats: SafeList<{ Components: unknown }> };
    expect(f.Components).toBe(f.Repeats.at(0)?.Components);
  });
  it('safe lists return nil out of range, Repeats.0 is nil (only int keys index)', () => {
    expect(get(pid, ['Fields', 100])).toBeUndefined();
    expect(get(pid, ['3', 'Repeats', '0'])).toBeUndefined();
  });
});

describe('MSH special cases (msfc-compat §3.3)', () => {
  const data = parseHl7Message('MSH|^~\\&|APP\rMSH|^~\\&|LATER');
  const [first, later] = data.Data;
  it('first MSH: index 1 = field separator, index 2 = raw MSH-2 not split', () => {
    expect(get(first, ['1', 'Value'])).toBe('|');
    expect(get(first, ['1', '1', 'Value'])).toBe('|');
    expect(get(first, ['1', '1', '1'])).toBe('|');
    expect(get(first, ['2', 'Value'])).toBe('^~\\&');
    expect(get(first, ['2', 'Components', 'size'])).toBe(2);
    expect(get(first, ['3', 'Value'])).toBe('APP');
  });
  it('later MSH segments are ordinary segments (numbering shifted by one)', () => {
    expect(get(later, ['1', 'Value'])).toBe('^~\\\\&');
    expect(get(later, ['2', 'Value'])).toBe('LATER');
  });
  it('segment Value is normalised (JSON-protected) whole line', () => {
    expect(get(first, ['Value'])).toBe('MSH|^~\\\\&|APP');
  });
});

describe('segmentation (msfc-compat §3.1)', () => {
  it('splits CR, LF, CRLF and mixtures, drops empty lines, keeps whitespace-only lines', () => {
    const data = parseHl7Message('MSH|^~\\&|A\r\nPID|1\n\nPV1|1\r\r  \rOBX|1\r\n');
    expect(data.Meta).toEqual(['MSH', 'PID', 'PV1', '  ', 'OBX']);
  });
  it('strips a UTF-8 BOM and accepts lower-case msh', () => {
    expect(parseHl7Message('\uFEFFmsh|^~\\&|A').Meta).toEqual(['msh']);
  });
  it('uses non-default delimiters from MSH', () => {
    const data = parseHl7Message('MSH#*!\\%#APP*X%Y!R2\rPID#1#A*B');
    expect(get(data.Data[0], ['3', 'Value'])).toBe('APP*X%Y!R2');
    expect(get(data.Data[0], ['3', '2', '2'])).toBe('Y');
    expect(get(data.Data[0], ['3', 'Repeats', 1, 'Value'])).toBe('R2');
    expect(get(data.Data[1], ['2', '2', 'Value'])).toBe('B');
  });
  it('keeps Z-segments', () => {
    expect(parseHl7Message('MSH|^~\\&|A\rZPI|1|custom').Meta).toEqual(['MSH', 'ZPI']);
  });
});
