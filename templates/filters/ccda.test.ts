import { describe, expect, it } from 'vitest';
import { CCDA_FILTERS, normalizeSectionKey } from './ccda.js';
import type { FilterEnv } from './define.js';

const env: FilterEnv = { codeMapping: undefined, now: () => new Date(0), timeZone: 'UTC' };

function call(name: string, input: unknown, arg: string): unknown {
  const spec = CCDA_FILTERS.find((f) => f.name === name);
  if (!spec) throw new Error(`no filter ${name}`);
  return spec.fn.call(env, input, arg);
}

const section = (title: string, templateId: unknown): Record<string, unknown> => ({ templateId, title: { _: title } });
const allergies = section('Allergies and Adverse Reactions', [{ root: '2.16.840.1.113883.10.20.22.2.6' }, { root: '2.16.840.1.113883.10.20.22.2.6.1', extension: '2015-08-01' }]);
const problems = section('PROBLEM LIST', { root: '2.16.840.1.113883.10.20.22.2.5.1' });
const moreAllergies = section('Drug allergies', { root: '2.16.840.1.113883.10.20.22.2.6.1' });
const msg = (components: unknown): Record<string, unknown> => ({
  ClinicalDocument: { component: { structuredBody: { component: components } } },
});
const doc = msg([{ section: allergies }, { section: problems }, { section: moreAllergies }, { section: { title: 'no _' } }]);

describe('get_ccda_section_lists', () => {
  it('matches titles by case-insensitive substring, keyed by the normalised name', () => {
    expect(call('get_ccda_section_lists', doc, 'allergies|Problem List|Vitals')).toEqual({
      allergies: [allergies, moreAllergies],
      Problem_List: [problems],
    });
  });

  it('drops empty names and treats a single component mapping as a list', () => {
    expect(call('get_ccda_section_lists', msg({ section: problems }), '|problem|')).toEqual({ problem: [problems] });
  });

  it('returns nothing when the body has no components, fails without ClinicalDocument', () => {
    expect(call('get_ccda_section_lists', { ClinicalDocument: {} }, 'x')).toEqual({});
    expect(() => call('get_ccda_section_lists', { section: {} }, 'x')).toThrow(expect.objectContaining({ code: 'render.ccda.missing-clinical-document' }));
  });
});

describe('get_first_ccda_sections', () => {
  it('keeps the first section per name', () => {
    expect(call('get_first_ccda_sections', doc, 'Allerg|List')).toEqual({ Allerg: allergies, List: problems });
  });
});

describe('get_first_ccda_sections_by_template_id', () => {
  it('matches the compact JSON of templateId by substring and normalises the key', () => {
    const result = call('get_first_ccda_sections_by_template_id', doc, '2.16.840.1.113883.10.20.22.2.5.1|2.16.840.1.113883.10.20.22.2.6.1');
    expect(result).toEqual({ '2_16_840_1_113883_10_20_22_2_5_1': problems, '2_16_840_1_113883_10_20_22_2_6_1': allergies });
  });

  it('lets a shorter OID match a longer one sharing its prefix, and matches JSON text case-insensitively', () => {
    expect(call('get_first_ccda_sections_by_template_id', msg([{ section: problems }]), '2.16.840.1.113883.10.20.22.2.5')).toEqual({ '2_16_840_1_113883_10_20_22_2_5': problems });
    expect(call('get_first_ccda_sections_by_template_id', doc, '"EXTENSION":"2015')).toEqual({ _EXTENSION___2015: allergies });
  });

  it('skips sections without templateId', () => {
    expect(call('get_first_ccda_sections_by_template_id', msg([{ section: { title: { _: 'x' } } }]), 'x')).toEqual({});
  });
});

describe('helpers', () => {
  it('normalises every non-alphanumeric character to _', () => {
    expect(normalizeSectionKey('Vital Signs (2.0)/é')).toBe('Vital_Signs__2_0___');
  });
});
