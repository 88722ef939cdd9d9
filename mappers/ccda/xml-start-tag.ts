import { CCDA_ERROR_CODES } from './ccda-errors.js';
import { decodeEntities } from './xml-chars.js';
import { readName, skipWhitespace } from './xml-markup.js';
import type { XmlSource } from './xml-source.js';
import { XMLNS_NS, XML_NS } from './xml-tree.js';
import type { XmlElement } from './xml-tree.js';

/** Prefix → namespace URI bindings in scope (W3C Namespaces in XML §6); a chain, so declaring costs O(own). */
export class NamespaceScope {
  constructor(
    private readonly own: ReadonlyMap<string, string>,
    private readonly parent: NamespaceScope | undefined,
  ) {}

  get(prefix: string): string | undefined {
    return this.own.get(prefix) ?? this.parent?.get(prefix);
  }

  has(prefix: string): boolean {
    return this.get(prefix) !== undefined;
  }
}

export const INITIAL_SCOPE = new NamespaceScope(new Map([['xml', XML_NS], ['xmlns', XMLNS_NS], ['', '']]), undefined);

/** Conventional C-CDA prefixes pre-bound around section fragments, which are cut out of a document's root scope. */
export const FRAGMENT_NAMESPACES: { prefix: string; uri: string }[] = [
  { prefix: 'xsi', uri: 'http://www.w3.org/2001/XMLSchema-instance' },
  { prefix: 'sdtc', uri: 'urn:hl7-org:sdtc' },
];

const FRAGMENT_SCOPE = new NamespaceScope(new Map(FRAGMENT_NAMESPACES.map((n): [string, string] => [n.prefix, n.uri])), INITIAL_SCOPE);

/**
 * Scope for the root element: documents start empty, fragments get {@link FRAGMENT_NAMESPACES}.
 * @param lenient - also pre-bind them for documents (the retry for documents that use `xsi:`/`sdtc:` undeclared)
 */
export function rootScope(qname: string, lenient = false): NamespaceScope {
  if (lenient) return FRAGMENT_SCOPE;
  return qname === 'ClinicalDocument' || qname.endsWith(':ClinicalDocument') ? INITIAL_SCOPE : FRAGMENT_SCOPE;
}

/** A parsed start tag: the element (children still empty), its scope and where the tag ends. */
export interface StartTag {
  element: XmlElement;
  scope: NamespaceScope;
  end: number;
}

const ATTR_WS_RE = /[\t\n\r]/g;

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? '' : qname.slice(0, colon);
}

function localOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/** Offset of the closing quote of an attribute value starting at `pos` (the opening quote). */
function attributeValueEnd(source: XmlSource, pos: number, element: XmlElement): number {
  const quote = source.text.charCodeAt(pos);
  if (quote !== 0x22 && quote !== 0x27) throw source.malformed('Attribute value must be quoted', pos, element);
  const close = source.text.indexOf(quote === 0x22 ? '"' : "'", pos + 1);
  if (close === -1) throw source.malformed('Unexpected end of input inside an attribute value', pos, element, 'The input looks truncated; send the complete document.');
  return close;
}

/** The normalised value of the attribute whose opening quote is at `pos` and closing quote at `close`. */
function readAttributeValue(source: XmlSource, pos: number, close: number, element: XmlElement): string {
  const raw = source.text.slice(pos + 1, close);
  if (raw.includes('<')) throw source.malformed('"<" is not allowed in an attribute value', pos, element, 'Escape "<" in attribute values as &lt;.');
  const normalised = raw.includes('\n') || raw.includes('\t') || raw.includes('\r') ? raw.replace(ATTR_WS_RE, ' ') : raw;
  return decodeEntities(normalised, pos + 1, source, element);
}

function checkQName(source: XmlSource, qname: string, offset: number, element: XmlElement): void {
  const colon = qname.indexOf(':');
  if (colon === 0 || colon === qname.length - 1 || (colon !== -1 && qname.indexOf(':', colon + 1) !== -1)) {
    throw source.malformed('Invalid qualified name', offset, element);
  }
}

const SEEN = new WeakMap<XmlElement, Set<string>>();

function isDuplicate(element: XmlElement, qname: string): boolean {
  const attrs = element.attributes;
  if (attrs.length < 16) return attrs.some((a) => a.qname === qname);
  let seen = SEEN.get(element);
  if (!seen) SEEN.set(element, (seen = new Set(attrs.map((a) => a.qname))));
  if (seen.has(qname)) return true;
  seen.add(qname);
  return false;
}

function readAttributes(source: XmlSource, start: number, element: XmlElement): number {
  const text = source.text;
  let p = start;
  for (;;) {
    const afterWs = skipWhitespace(text, p);
    const ch = text[afterWs];
    if (ch === '>' || ch === '/' || afterWs >= text.length) return afterWs;
    if (afterWs === p) throw source.malformed('Whitespace is required between attributes', p, element);
    const qname = readName(source, afterWs);
    if (qname === undefined) throw source.malformed('Invalid attribute name', afterWs, element);
    checkQName(source, qname, afterWs, element);
    p = skipWhitespace(text, afterWs + qname.length);
    if (p >= text.length) throw source.malformed('Unexpected end of input inside a start tag', element.offset, element, 'The input looks truncated; send the complete document.');
    if (text[p] !== '=') throw source.malformed('Expected "=" after attribute name', p, element);
    const open = skipWhitespace(text, p + 1);
    const close = attributeValueEnd(source, open, element);
    const value = readAttributeValue(source, open, close, element);
    if (isDuplicate(element, qname)) throw source.malformed('Duplicate attribute', afterWs, element);
    const prefix = prefixOf(qname);
    const isNsDecl = prefix === 'xmlns' || qname === 'xmlns';
    element.attributes.push({ qname, prefix, local: localOf(qname), value, uri: isNsDecl ? XMLNS_NS : '', isNsDecl });
    p = close + 1;
  }
}

const MAX_NAMESPACE_DECLARATIONS = 10_000;

function declareNamespaces(
  source: XmlSource,
  element: XmlElement,
  scope: NamespaceScope,
  declarationCount: { value: number },
): NamespaceScope {
  let next: Map<string, string> | undefined;
  for (const attr of element.attributes) {
    if (!attr.isNsDecl) continue;
    const prefix = attr.prefix === 'xmlns' ? attr.local : '';
    if (prefix !== '' && attr.value === '') throw source.malformed('A namespace prefix cannot be bound to an empty URI', element.offset, element);
    if (prefix === 'xmlns' || (prefix === 'xml') !== (attr.value === XML_NS)) throw source.malformed('Reserved namespace prefix or URI misused', element.offset, element);
    if (++declarationCount.value > MAX_NAMESPACE_DECLARATIONS) {
      throw source.fail(CCDA_ERROR_CODES.tooLarge, `Document declares more than ${MAX_NAMESPACE_DECLARATIONS} namespaces`, element.offset, element, 'Declare namespaces once on the root element.');
    }
    next ??= new Map();
    next.set(prefix, attr.value);
  }
  return next ? new NamespaceScope(next, scope) : scope;
}

function undeclared(source: XmlSource, element: XmlElement, prefix: string): Error {
  return source.malformed(`Namespace prefix "${prefix}" is not declared`, element.offset, element, `Declare xmlns:${prefix}="…" on the root element.`);
}

function resolveNames(source: XmlSource, element: XmlElement, scope: NamespaceScope): void {
  const uri = scope.get(element.prefix);
  if (uri === undefined) throw undeclared(source, element, element.prefix);
  element.uri = uri;
  let seen: Set<string> | undefined;
  let first: string | undefined;
  for (const attr of element.attributes) {
    if (attr.isNsDecl || attr.prefix === '') continue;
    const attrUri = scope.get(attr.prefix);
    if (attrUri === undefined) throw undeclared(source, element, attr.prefix);
    attr.uri = attrUri;
    const expanded = `${attrUri}|${attr.local}`;
    if (first === undefined) {
      first = expanded;
      continue;
    }
    seen ??= new Set([first]);
    if (seen.has(expanded)) throw source.malformed('Duplicate attribute', element.offset, element);
    seen.add(expanded);
  }
}

/** Reads `<name attr="v" …>` or `<name …/>` starting at the `<`; `name` is the element name if already read. */
export function readStartTag(
  source: XmlSource,
  start: number,
  parent: XmlElement | undefined,
  scope: NamespaceScope,
  declarationCount: { value: number },
  name?: string,
): StartTag {
  const qname = name ?? readName(source, start + 1);
  const element: XmlElement = {
    type: 'element', qname: qname ?? '', prefix: prefixOf(qname ?? ''), local: localOf(qname ?? ''), uri: '', attributes: [], children: [],
    selfClosing: false, parent, offset: start,
  };
  if (qname === undefined) throw source.malformed('Invalid element name', start, parent);
  checkQName(source, qname, start, element);
  const p = readAttributes(source, start + 1 + qname.length, element);
  const text = source.text;
  if (p >= text.length) throw source.malformed('Unexpected end of input inside a start tag', start, element, 'The input looks truncated; send the complete document.');
  if (text[p] === '/') {
    if (text[p + 1] !== '>') throw source.malformed('Expected ">" after "/"', p, element);
    element.selfClosing = true;
  }
  const elementScope = declareNamespaces(source, element, scope, declarationCount);
  resolveNames(source, element, elementScope);
  return { element, scope: elementScope, end: element.selfClosing ? p + 2 : p + 1 };
}
