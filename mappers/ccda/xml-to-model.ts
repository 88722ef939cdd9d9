import { CCDA_ERROR_CODES } from './ccda-errors.js';
import { setKey } from './ccda-model.js';
import type { CcdaMapping, CcdaModel, CcdaValue } from './ccda-model.js';
import { readModelString } from './model-strings.js';
import { NewtonsoftNamespaces, decodeXmlName } from './newtonsoft-namespaces.js';
import { planNamespaces } from './namespace-plan.js';
import type { NamespacePlan } from './namespace-plan.js';
import type { XmlSource } from './xml-source.js';
import type { XmlAttribute, XmlChild, XmlDocument, XmlElement } from './xml-tree.js';

type Node = XmlChild | XmlDocument['children'][number] | { type: 'declaration' };

/** Up to this many children, distinct group keys are checked by a linear scan instead of a Map. */
const SMALL_GROUPING = 8;

interface Named {
  key: string;
  value: CcdaValue | undefined;
}

/**
 * Converts the XML tree into the `msg` model in one pass, producing what Microsoft's chain yields (msfc-compat
 * §4.2 namespace normalisation, §4.3 `_` text elements, §4.4 XmlNodeConverter grouping, §4.5 dictionary pass).
 */
export class XmlToModel {
  private readonly names = new NewtonsoftNamespaces();
  private readonly plan: NamespacePlan;

  constructor(
    private readonly doc: XmlDocument,
    private readonly source: XmlSource,
    private readonly maxDepth: number,
  ) {
    this.plan = planNamespaces(doc.root, doc.ambientNamespaces);
    for (const ambient of doc.ambientNamespaces) this.names.add(ambient.prefix, ambient.uri);
  }

  convert(): CcdaModel {
    const nodes: Node[] = this.doc.declaration ? [{ type: 'declaration' }, ...this.doc.children] : [...this.doc.children];
    const model: CcdaMapping = {};
    this.writeGroups(model, nodes, undefined, 1);
    return model;
  }

  private checkDepth(depth: number, element: XmlElement | undefined): void {
    if (depth > this.maxDepth) {
      throw this.source.fail(CCDA_ERROR_CODES.tooDeep, `Document nests deeper than ${this.maxDepth} levels once mapped`, element?.offset ?? 0, element, 'Flatten the document; the reference engine rejects nesting deeper than 64 levels.');
    }
  }

  private groupKey(node: Node): string {
    switch (node.type) {
      case 'element': return this.names.fullName(this.plan.uriOf(node), this.plan.localOf(node));
      case 'text': return '_';
      case 'comment': return '#comment';
      case 'pi': return '?' + decodeXmlName(node.target);
      case 'doctype': return '!DOCTYPE';
      case 'declaration': return '?xml';
    }
  }

  private writeGroups(target: CcdaMapping, nodes: Node[], parent: XmlElement | undefined, depth: number): void {
    if (nodes.length === 1) {
      const single = this.convertNode(nodes[0], parent, depth + 1, this.groupKey(nodes[0]));
      if (single.value !== undefined) setKey(target, single.key, single.value);
      return;
    }
    if (nodes.length <= SMALL_GROUPING && this.writeDistinct(target, nodes, parent, depth)) return;
    const groups = new Map<string, Node[]>();
    for (const node of nodes) {
      const key = this.groupKey(node);
      const group = groups.get(key);
      if (group) group.push(node);
      else groups.set(key, [node]);
    }
    for (const [key, group] of groups) {
      if (group.length === 1) {
        const single = this.convertNode(group[0], parent, depth + 1, key);
        if (single.value !== undefined) setKey(target, single.key, single.value);
        continue;
      }
      this.checkDepth(depth + 1, parent);
      const list: CcdaValue[] = [];
      for (const node of group) {
        const item = this.convertNode(node, parent, depth + 2, key);
        if (item.value !== undefined && node.type !== 'comment') list.push(item.value);
      }
      setKey(target, key, list);
    }
  }

  /** Writes `nodes` one key each when their group keys are all distinct (no Map, no lists); false otherwise. */
  private writeDistinct(target: CcdaMapping, nodes: Node[], parent: XmlElement | undefined, depth: number): boolean {
    const keys: string[] = [];
    for (const node of nodes) {
      const key = this.groupKey(node);
      if (keys.includes(key)) return false;
      keys.push(key);
    }
    for (let i = 0; i < nodes.length; i++) {
      const single = this.convertNode(nodes[i], parent, depth + 1, keys[i]);
      if (single.value !== undefined) setKey(target, single.key, single.value);
    }
    return true;
  }

  private convertNode(node: Node, parent: XmlElement | undefined, depth: number, key: string): Named {
    switch (node.type) {
      case 'element': return this.convertElement(node, depth);
      case 'text': return { key, value: readModelString(node.value) };
      case 'pi': return { key, value: readModelString(node.data) };
      case 'comment':
        if (node.value.includes('*/')) {
          throw this.source.malformed('A comment containing "*/" cannot be mapped (the reference engine fails on it)', parent?.offset ?? 0, parent, 'Remove "*/" from the XML comment.');
        }
        return { key, value: undefined };
      case 'doctype':
        return { key, value: this.leafMapping(depth, [['name', node.name], ['public', node.publicId], ['system', node.systemId], ['internalSubset', node.internalSubset]]) };
      case 'declaration': {
        const decl = this.doc.declaration;
        return { key, value: this.leafMapping(depth, [['version', decl?.version ?? ''], ['encoding', decl?.encoding ?? ''], ['standalone', decl?.standalone ?? '']]) };
      }
    }
  }

  private leafMapping(depth: number, entries: [string, string][]): CcdaMapping {
    this.checkDepth(depth, undefined);
    const out: CcdaMapping = {};
    for (const [k, v] of entries) if (v !== '') setKey(out, k, readModelString(v));
    return out;
  }

  private attributeKey(attr: XmlAttribute): string {
    return attr.qname === 'xmlns' ? 'xmlns' : this.names.fullName(attr.uri, attr.local);
  }

  private convertElement(element: XmlElement, depth: number): Named {
    this.plan.enter(element);
    const attributes = this.plan.attributesOf(element);
    this.names.push();
    for (const attr of attributes) if (attr.isNsDecl) this.names.add(attr.qname === 'xmlns' ? '' : decodeXmlName(attr.local), attr.value);
    const key = this.names.fullName(this.plan.uriOf(element), this.plan.localOf(element));
    try {
      if (attributes.length === 0 && element.children.length === 0) return { key, value: element.selfClosing ? null : '' };
      this.checkDepth(depth, element);
      const out: CcdaMapping = {};
      for (const attr of attributes) setKey(out, this.attributeKey(attr), readModelString(attr.value));
      this.writeGroups(out, orderChildren(element.children), element, depth);
      return { key, value: out };
    } finally {
      this.plan.leave(element);
      this.names.pop();
    }
  }
}

/** msfc-compat §4.3: non-text children in document order, then one `_` per text node in reverse order. */
function orderChildren(children: XmlChild[]): XmlChild[] {
  let textCount = 0;
  for (const child of children) if (child.type === 'text') textCount++;
  if (textCount === 0 || (textCount === 1 && children[children.length - 1].type === 'text')) return children;
  const ordered: XmlChild[] = children.filter((c) => c.type !== 'text');
  for (let i = children.length - 1; i >= 0; i--) if (children[i].type === 'text') ordered.push(children[i]);
  return ordered;
}
