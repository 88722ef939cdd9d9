import type { ElementDefinitionJson, StructureDefinitionJson } from '../model/fhir-definitions.js';

/** One element of a profile, with its slices when it is sliced. */
export interface ProfileElement {
  id: string;
  def: ElementDefinitionJson;
  /** JSON base name (`value` for `value[x]`). */
  name: string;
  choice: boolean;
  sliceName: string | undefined;
  slices: ProfileElement[];
}

/** A profile's element tree, keyed by element id (snapshot, or differential completed with its ancestors). */
export interface ProfileIndex {
  url: string;
  type: string;
  rootId: string;
  /** The root element (its constraints apply to the whole resource or extension). */
  root: ProfileElement | undefined;
  children: Map<string, ProfileElement[]>;
}

function lastToken(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

function toProfileElement(def: ElementDefinitionJson, id: string): ProfileElement {
  const token = lastToken(id);
  const colon = token.indexOf(':');
  const base = colon < 0 ? token : token.slice(0, colon);
  const choice = base.endsWith('[x]');
  return { id, def, name: choice ? base.slice(0, -3) : base, choice, sliceName: colon < 0 ? undefined : token.slice(colon + 1), slices: [] };
}

function completeAncestors(defs: ElementDefinitionJson[]): ElementDefinitionJson[] {
  const ids = new Set(defs.map((d) => d.id ?? d.path));
  const out = [...defs];
  for (const d of defs) {
    const parts = (d.id ?? d.path).split('.');
    for (let i = 1; i < parts.length; i++) {
      const id = parts.slice(0, i).join('.');
      if (!ids.has(id)) {
        ids.add(id);
        out.push({ id, path: id.replace(/:[^.]+/g, '') });
      }
    }
  }
  return out;
}

/** Merges a differential over the element list of a base profile (by element id). */
export function mergeDifferential(base: ElementDefinitionJson[], differential: ElementDefinitionJson[]): ElementDefinitionJson[] {
  const byId = new Map(base.map((d) => [d.id ?? d.path, { ...d }]));
  for (const d of differential) {
    const id = d.id ?? d.path;
    byId.set(id, { ...(byId.get(id) ?? {}), ...d });
  }
  return [...byId.values()];
}

/** Indexes a profile's elements as a tree of children per parent id, slices attached to their sliced element. */
export function indexProfile(sd: StructureDefinitionJson, elements: ElementDefinitionJson[]): ProfileIndex {
  const defs = completeAncestors(elements);
  const byId = new Map<string, ProfileElement>();
  for (const d of defs) byId.set(d.id ?? d.path, toProfileElement(d, d.id ?? d.path));
  const index: ProfileIndex = { url: sd.url, type: sd.type, rootId: sd.type, root: byId.get(sd.type), children: new Map() };
  for (const el of byId.values()) {
    const dot = el.id.lastIndexOf('.');
    if (dot < 0) continue;
    const parent = el.id.slice(0, dot);
    if (el.sliceName !== undefined) {
      const sliced = byId.get(`${parent}.${lastToken(el.id).split(':')[0]}`);
      if (sliced) sliced.slices.push(el);
      continue;
    }
    const list = index.children.get(parent) ?? [];
    list.push(el);
    index.children.set(parent, list);
  }
  return index;
}
