import type { UnusedField } from '../../pipelines/contracts/index.js';
import { valueSetValue } from './value-sets.js';

type Node = Record<string, unknown>;

/** Clinical statement element names an entry (or entryRelationship) can hold (CDA R2 `clinicalStatement` choice). */
const STATEMENT_KEYS = ['act', 'observation', 'organizer', 'substanceAdministration', 'procedure', 'encounter', 'supply'] as const;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function asNodes(value: unknown): Node[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isNode);
}

function templateRoots(node: Node): string[] {
  return asNodes(node.templateId).flatMap((t) => (typeof t.root === 'string' ? [t.root] : []));
}

function kindOf(node: Node, table: 'SectionKind' | 'EntryKind'): string | undefined {
  for (const root of templateRoots(node)) {
    const kind = valueSetValue(table, root);
    if (kind) return kind;
  }
  return undefined;
}

function indexed(name: string, index: number, count: number): string {
  return count > 1 ? `${name}[${index + 1}]` : name;
}

function field(position: string, segment: string, segmentIndex: number, value: unknown): UnusedField {
  return { position, segment, segmentIndex, length: JSON.stringify(value ?? null).length };
}

function unknownEntries(section: Node, path: string, sectionIndex: number): UnusedField[] {
  const entries = asNodes(section.entry);
  return entries.flatMap((entry, i) => {
    const key = STATEMENT_KEYS.find((k) => isNode(entry[k]));
    if (!key || kindOf(entry[key] as Node, 'EntryKind')) return [];
    return [field(`${path}/${indexed('entry', i, entries.length)}/${key}`, key, sectionIndex, entry[key])];
  });
}

function sectionCode(section: Node): string | undefined {
  const code = isNode(section.code) ? section.code.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function unknownInSection(section: Node, path: string, sectionIndex: number): UnusedField[] {
  const kind = kindOf(section, 'SectionKind') ?? valueSetValue('SectionCodeKind', sectionCode(section));
  if (!kind) return [field(path, 'section', sectionIndex, section)];
  return kind === 'Narrative' ? [] : unknownEntries(section, path, sectionIndex);
}

/** Body sections and the sections nested one level below them (what Section/All renders). */
function sectionsOf(components: Node[], base: string, depth = 0): { section: Node; path: string }[] {
  return components.flatMap((component, i) => {
    if (!isNode(component.section)) return [];
    const path = `${base}/${indexed('component', i, components.length)}/section`;
    const nested = depth === 0 ? sectionsOf(asNodes(component.section.component), path, 1) : [];
    return [{ section: component.section, path }, ...nested];
  });
}

function bodySections(model: Node): { section: Node; path: string }[] {
  const document = model.ClinicalDocument;
  if (isNode(document)) {
    const body = isNode(document.component) ? document.component.structuredBody : undefined;
    return isNode(body) ? sectionsOf(asNodes(body.component), '/ClinicalDocument/component/structuredBody') : [];
  }
  const fragments = asNodes(model.section).map((section) => ({ section, path: '/section' }));
  const wrapped = isNode(model.component) ? sectionsOf([model.component], '').map((s) => ({ ...s, path: '/component/section' })) : [];
  return [...fragments, ...wrapped];
}

/**
 * Sections and entries the built-in C-CDA collection keeps only as narrative (issue #5 lossiness report):
 * a section whose templateId is in no `SectionKind` (and whose code is in no `SectionCodeKind`), and an entry of a structured section whose clinical statement
 * has no `EntryKind`. Positions are XPath-like (`/ClinicalDocument/component/structuredBody/component[4]/section`,
 * 1-based indexes on repeated elements); `segmentIndex` is the 0-based index of the section in document order.
 * Lengths are of the element's JSON text; values are never reported (PHI).
 * @param model - the `msg` model of one document or fragment (mappers/ccda).
 */
export function unknownCcdaTemplates(model: Record<string, unknown>): UnusedField[] {
  return bodySections(model).flatMap(({ section, path }, i) => unknownInSection(section, path, i));
}
