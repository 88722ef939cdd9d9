import { EngineError } from '../../pipelines/contracts/index.js';
import { writeNewtonsoftJson } from '../runtime/newtonsoft-json.js';
import { isMapping, isNil } from '../runtime/values.js';
import { defineFilter } from './define.js';
import type { FilterSpec } from './define.js';

type Mapping = Record<string, unknown>;

const NON_ALNUM_RE = /[^A-Za-z0-9]/g;

/** Result key of a section name or OID: every character outside `[A-Za-z0-9]` becomes `_` (msfc-compat §4.7). */
export function normalizeSectionKey(name: string): string {
  return name.replace(NON_ALNUM_RE, '_');
}

function unsupportedValue(): Error {
  return new EngineError('render.json.unsupported-value', 'Value cannot be serialised to JSON', {
    stage: 'render',
    suggestion: 'Serialise mappings, lists and scalar values only (HL7 drops are not serialisable).',
  });
}

function templateIdText(templateId: unknown, timeZone: string): string {
  return writeNewtonsoftJson(templateId, { timeZone, reject: unsupportedValue }).toUpperCase();
}

function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function splitNames(names: unknown): string[] {
  return typeof names === 'string' ? names.split('|').filter((n) => n !== '') : [];
}

function child(value: unknown, key: string): unknown {
  return isMapping(value) ? value[key] : undefined;
}

/** `msg.ClinicalDocument.component.structuredBody.component` as a list of mappings (msfc-compat §4.7). */
function sectionComponents(msg: unknown): Mapping[] {
  if (!isMapping(msg) || !Object.hasOwn(msg, 'ClinicalDocument')) {
    throw new EngineError('render.ccda.missing-clinical-document', 'C-CDA section filter input has no ClinicalDocument', {
      stage: 'render',
      suggestion: 'Pass `msg` (the parsed C-CDA document) to the section filter, not a fragment or sub-mapping.',
    });
  }
  const components = child(child(child(msg.ClinicalDocument, 'component'), 'structuredBody'), 'component');
  const list = Array.isArray(components) ? components : isNil(components) ? [] : [components];
  return list.filter(isMapping);
}

function titleContains(section: unknown, name: string): boolean {
  const text = child(child(section, 'title'), '_');
  return typeof text === 'string' && text.toUpperCase().includes(name.toUpperCase());
}

function sectionLists(msg: unknown, names: unknown): Record<string, Mapping[]> {
  const components = sectionComponents(msg);
  const result: Record<string, Mapping[]> = {};
  for (const name of splitNames(names)) {
    for (const component of components) {
      const section = component.section;
      if (!isMapping(section) || !titleContains(section, name)) continue;
      const key = normalizeSectionKey(name);
      if (Object.hasOwn(result, key)) result[key].push(section);
      else setOwn(result, key, [section]);
    }
  }
  return result;
}

/** `get_ccda_section_lists: 'Name1|Name2'` → `{Name1: [section…], …}` by case-insensitive title substring. */
export const getCcdaSectionLists = defineFilter({
  name: 'get_ccda_section_lists',
  family: 'ccda',
  summary: 'Sections whose title contains each name (case-insensitive), as lists keyed by the normalised name.',
  input: 'any',
  params: [{ name: 'sectionNames', type: 'string' }],
  fn: (msg, names) => sectionLists(msg, names),
});

/** `get_first_ccda_sections: 'Name1|Name2'` → `{Name1: section, …}` (first match per name). */
export const getFirstCcdaSections = defineFilter({
  name: 'get_first_ccda_sections',
  family: 'ccda',
  summary: 'First section whose title contains each name (case-insensitive), keyed by the normalised name.',
  input: 'any',
  params: [{ name: 'sectionNames', type: 'string' }],
  fn: (msg, names) => {
    const result: Record<string, Mapping> = {};
    for (const [key, list] of Object.entries(sectionLists(msg, names))) setOwn(result, key, list[0]);
    return result;
  },
});

/** `get_first_ccda_sections_by_template_id: 'oid1|oid2'` → first section whose templateId JSON contains the OID. */
export const getFirstCcdaSectionsByTemplateId = defineFilter({
  name: 'get_first_ccda_sections_by_template_id',
  family: 'ccda',
  summary: 'First section whose templateId (as compact JSON) contains each OID, case-insensitively; keys normalised.',
  input: 'any',
  params: [{ name: 'templateIds', type: 'string' }],
  fn(msg, templateIds) {
    const components = sectionComponents(msg);
    const result: Record<string, Mapping> = {};
    for (const oid of splitNames(templateIds)) {
      const wanted = oid.toUpperCase();
      for (const component of components) {
        const section = component.section;
        const templateId = child(section, 'templateId');
        if (!isMapping(section) || isNil(templateId)) continue;
        if (templateIdText(templateId, this.timeZone).includes(wanted)) {
          setOwn(result, normalizeSectionKey(oid), section);
          break;
        }
      }
    }
    return result;
  },
});

/** The C-CDA section filters (msfc-compat §4.7). */
export const CCDA_FILTERS: FilterSpec[] = [getCcdaSectionLists, getFirstCcdaSections, getFirstCcdaSectionsByTemplateId];
