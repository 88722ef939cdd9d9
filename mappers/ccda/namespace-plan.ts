import { PrefixBindings } from './prefix-bindings.js';
import type { XmlAttribute, XmlElement } from './xml-tree.js';

/**
 * msfc-compat §4.2 (root-level namespace normalisation) plus the implicit `xmlns` attribute of §4.4, answered per
 * element while the converter walks the tree. `enter`/`leave` must bracket each element, parents first.
 */
export interface NamespacePlan {
  /** Namespace after renaming (`''` for renamed `p_local` elements). */
  uriOf(element: XmlElement): string;
  /** Local name after renaming (`sdtc_raceCode`). */
  localOf(element: XmlElement): string;
  /** Attributes as the converter sees them: root declarations of the default URI removed, implicit `xmlns` first. */
  attributesOf(element: XmlElement): XmlAttribute[];
  enter(element: XmlElement): void;
  leave(element: XmlElement): void;
}

interface PrefixBinding {
  prefix: string;
  uri: string;
}

/** Builds the plan from the root element's declarations. */
export function planNamespaces(root: XmlElement, ambient: PrefixBinding[] = []): NamespacePlan {
  const defaultUri = root.attributes.find((a) => a.qname === 'xmlns')?.value ?? '';
  const isDefault = (a: XmlAttribute): boolean => a.prefix === 'xmlns' && a.value.toLowerCase() === defaultUri.toLowerCase();
  const removed = new Set(root.attributes.filter(isDefault));
  const renames = root.attributes
    .filter((a) => a.isNsDecl && a.value.toLowerCase() !== defaultUri.toLowerCase())
    .map((a) => ({ prefix: a.qname === 'xmlns' ? '' : a.local, lower: a.value.toLowerCase() }));
  for (const a of ambient) {
    if (!renames.some((r) => r.prefix === a.prefix)) renames.push({ prefix: a.prefix, lower: a.uri.toLowerCase() });
  }
  const renameCache = new Map<string, string | null>();
  let lastUri = '';
  let lastPrefix: string | null = null;
  const renamePrefix = (uri: string): string | null => {
    if (uri === lastUri) return lastPrefix;
    let prefix = renameCache.get(uri);
    if (prefix === undefined) {
      prefix = renames.find((r) => r.lower === uri.toLowerCase())?.prefix ?? null;
      renameCache.set(uri, prefix);
    }
    lastUri = uri;
    lastPrefix = prefix;
    return prefix;
  };
  const bindings = new PrefixBindings();
  const uris: string[] = [];

  const uriOf = (e: XmlElement): string => (renamePrefix(e.uri) === null ? e.uri : '');
  const localOf = (e: XmlElement): string => {
    const prefix = renamePrefix(e.uri);
    return prefix === null ? e.local : `${prefix}_${e.local}`;
  };
  const keptAttributes = (e: XmlElement): XmlAttribute[] =>
    e === root && removed.size > 0 ? e.attributes.filter((a) => !removed.has(a)) : e.attributes;

  return {
    uriOf,
    localOf,
    enter(element) {
      bindings.push();
      for (const a of keptAttributes(element)) if (a.prefix === 'xmlns') bindings.add(a.local, a.value);
      uris.push(uriOf(element));
    },
    leave() {
      bindings.pop();
      uris.pop();
    },
    attributesOf(element) {
      const kept = keptAttributes(element);
      const uri = uris[uris.length - 1];
      const parentUri = uris.length > 1 ? uris[uris.length - 2] : undefined;
      if (uri === '' || uri === parentUri || bindings.lookupPrefix(uri) !== undefined) return kept;
      if (kept.some((a) => a.qname === 'xmlns' && a.value === uri)) return kept;
      const implicit: XmlAttribute = { qname: 'xmlns', prefix: '', local: 'xmlns', value: uri, uri: 'http://www.w3.org/2000/xmlns/', isNsDecl: true };
      return [implicit, ...kept];
    },
  };
}
