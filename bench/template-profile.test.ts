import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../templates/collections.js';
import { formatProfile, profileTemplates } from './template-profile.js';

const ADT = readFileSync(join(packageRoot(), 'fixtures', 'hl7v2', 'ADT_A01', 'adt-a01-basic.hl7'), 'utf8');

describe('template profile', () => {
  const profile = profileTemplates({ texts: [ADT], rounds: 2, countNodes: true });

  it('attributes every render to its template file with its callers', () => {
    expect(profile.messages).toBe(2);
    const root = profile.rows.find((r) => r.file === 'ADT_A01.liquid');
    expect(root).toMatchObject({ calls: 2, callers: { '(root)': 2 } });
    const body = profile.rows.find((r) => r.file === 'Message/_ADT.liquid');
    expect(body?.callers).toEqual({ 'ADT_A01.liquid': 2 });
    const patient = profile.rows.find((r) => r.file === 'Resource/_Patient.liquid');
    expect(patient?.callers).toEqual({ 'Group/_PatientGroup.liquid': 2 });
  });

  it('keeps self time within inclusive time and sorts by self time', () => {
    for (const row of profile.rows) expect(row.selfMs).toBeLessThanOrEqual(row.inclusiveMs + 1e-9);
    const selves = profile.rows.map((r) => r.selfMs);
    expect(selves).toEqual([...selves].sort((a, b) => b - a));
  });

  it('counts node renders per template line in one pass', () => {
    expect(profile.nodeCounts?.messages).toBe(1);
    const lines = [...(profile.nodeCounts?.lines.keys() ?? [])];
    expect(lines).toContain('Message/_ADT.liquid:2');
    expect(lines.every((l) => /\.liquid:\d+$/.test(l))).toBe(true);
  });

  it('prints a header and one line per row', () => {
    const text = formatProfile(profile, 5).split('\n');
    expect(text[0]).toContain('calls/msg');
    expect(text).toHaveLength(6);
  });
});
