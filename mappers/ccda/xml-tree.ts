/** Node tree produced by the safe XML reader; positions are offsets into the line-break-normalised text. */

/** An attribute as written, with its resolved namespace URI. */
export interface XmlAttribute {
  qname: string;
  prefix: string;
  local: string;
  value: string;
  /** Resolved namespace; namespace declarations carry the xmlns namespace. */
  uri: string;
  /** True for `xmlns` and `xmlns:p`. */
  isNsDecl: boolean;
}

export interface XmlElement {
  type: 'element';
  qname: string;
  prefix: string;
  local: string;
  uri: string;
  attributes: XmlAttribute[];
  children: XmlChild[];
  /** Written `<x/>` (nil in the model) rather than `<x></x>` (empty string). */
  selfClosing: boolean;
  parent: XmlElement | undefined;
  /** Offset of the `<` of the start tag. */
  offset: number;
}

export interface XmlText {
  type: 'text';
  value: string;
  cdata: boolean;
}

export interface XmlComment {
  type: 'comment';
  value: string;
}

export interface XmlProcessingInstruction {
  type: 'pi';
  target: string;
  data: string;
}

export interface XmlDocumentType {
  type: 'doctype';
  name: string;
  publicId: string;
  systemId: string;
  internalSubset: string;
}

export type XmlChild = XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

export interface XmlDeclaration {
  version: string;
  encoding: string;
  standalone: string;
}

export interface XmlDocument {
  declaration: XmlDeclaration | undefined;
  /** Top-level nodes in document order: doctype, PIs, comments and exactly one element. */
  children: (XmlElement | XmlComment | XmlProcessingInstruction | XmlDocumentType)[];
  root: XmlElement;
  /** Bindings assumed around a section fragment (never emitted as attributes); empty for documents. */
  ambientNamespaces: { prefix: string; uri: string }[];
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * 1-based position of an element among its same-named siblings; an element not yet appended to its parent (its
 * start tag is still being read) counts after every sibling read so far.
 */
function positionOf(element: XmlElement): number {
  const siblings = element.parent?.children;
  if (siblings === undefined) return 1;
  let position = 1;
  for (const sibling of siblings) {
    if (sibling === element) break;
    if (sibling.type === 'element' && sibling.qname === element.qname) position++;
  }
  return position;
}

/** XPath-like path of an element: `/ClinicalDocument/component/structuredBody/component[3]/section`. */
export function elementPath(element: XmlElement | undefined): string {
  const parts: string[] = [];
  for (let e = element; e; e = e.parent) {
    const position = positionOf(e);
    parts.push(position > 1 ? `${e.qname}[${position}]` : e.qname);
  }
  return '/' + parts.reverse().join('/');
}
