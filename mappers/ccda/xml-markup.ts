import { CCDA_ERROR_CODES } from './ccda-errors.js';
import { NAME_RE, isXmlWhitespace } from './xml-chars.js';
import type { XmlSource } from './xml-source.js';
import type { XmlComment, XmlDeclaration, XmlDocumentType, XmlElement, XmlProcessingInstruction } from './xml-tree.js';

/** A node read from `<` up to and excluding `end`. */
export interface Read<T> {
  node: T;
  end: number;
}

export function readName(source: XmlSource, pos: number): string | undefined {
  NAME_RE.lastIndex = pos;
  return NAME_RE.test(source.text) ? source.text.slice(pos, NAME_RE.lastIndex) : undefined;
}

export function skipWhitespace(text: string, pos: number): number {
  let p = pos;
  while (p < text.length && isXmlWhitespace(text.charCodeAt(p))) p++;
  return p;
}

function unexpectedEnd(source: XmlSource, what: string, start: number, element: XmlElement | undefined): Error {
  return source.malformed(`Unexpected end of input inside ${what}`, start, element, 'The input looks truncated; send the complete document.');
}

/** `<!-- … -->`; `--` inside and a trailing `-` are errors (W3C XML §2.5). */
export function readComment(source: XmlSource, start: number, element: XmlElement | undefined): Read<XmlComment> {
  const close = source.text.indexOf('-->', start + 4);
  if (close === -1) throw unexpectedEnd(source, 'a comment', start, element);
  const value = source.text.slice(start + 4, close);
  if (value.includes('--') || value.endsWith('-')) {
    throw source.malformed('"--" is not allowed inside a comment', start, element, 'Remove or space out double hyphens inside XML comments.');
  }
  return { node: { type: 'comment', value }, end: close + 3 };
}

/** `<?target data?>`; the data keeps trailing whitespace and loses the separating whitespace. */
export function readProcessingInstruction(
  source: XmlSource,
  start: number,
  element: XmlElement | undefined,
): Read<XmlProcessingInstruction> {
  const target = readName(source, start + 2);
  if (target === undefined) throw source.malformed('Invalid processing instruction name', start, element);
  const close = source.text.indexOf('?>', start + 2 + target.length);
  if (close === -1) throw unexpectedEnd(source, 'a processing instruction', start, element);
  const after = start + 2 + target.length;
  if (after < close && !isXmlWhitespace(source.text.charCodeAt(after))) {
    throw source.malformed('Invalid processing instruction name', start, element);
  }
  if (target.toLowerCase() === 'xml') {
    throw source.malformed('Unexpected XML declaration; it must be the very first thing in the document', start, element, 'Remove anything (including blank lines) before <?xml …?>, or remove the duplicate declaration.');
  }
  const data = source.text.slice(skipWhitespace(source.text, after), close);
  return { node: { type: 'pi', target, data }, end: close + 2 };
}

const DECL_ATTR_RE = /\s+(version|encoding|standalone)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/** `<?xml version="1.0" encoding="…" standalone="…"?>` at offset 0 (W3C XML §2.8). */
export function readDeclaration(source: XmlSource, start: number): Read<XmlDeclaration> {
  const close = source.text.indexOf('?>', start);
  if (close === -1) throw unexpectedEnd(source, 'the XML declaration', start, undefined);
  const decl: XmlDeclaration = { version: '', encoding: '', standalone: '' };
  const body = source.text.slice(start + 5, close);
  const order = ['version', 'encoding', 'standalone'];
  let p = 0;
  let seen = -1;
  for (DECL_ATTR_RE.lastIndex = 0; p < body.length; ) {
    DECL_ATTR_RE.lastIndex = p;
    const m = DECL_ATTR_RE.exec(body);
    if (!m) break;
    const key = m[1] as keyof XmlDeclaration;
    if (order.indexOf(key) <= seen) break;
    seen = order.indexOf(key);
    decl[key] = m[2] ?? m[3] ?? '';
    p = DECL_ATTR_RE.lastIndex;
  }
  if (body.slice(p).trim() !== '' || decl.version === '') {
    throw source.malformed('Invalid XML declaration', start, undefined, 'Write the declaration as <?xml version="1.0" encoding="UTF-8"?>.');
  }
  return { node: decl, end: close + 2 };
}

const EXTERNAL_ID_RE = /\s+(?:SYSTEM\s*(?:"([^"]*)"|'([^']*)')|PUBLIC\s*(?:"([^"]*)"|'([^']*)')\s*(?:"([^"]*)"|'([^']*)'))/y;
const ENTITY_DECL_RE = /<!ENTITY|%[A-Za-z_:]/;

function findSubsetEnd(text: string, from: number): number {
  let p = from;
  while (p < text.length) {
    const ch = text[p];
    if (ch === ']') return p;
    if (ch === '"' || ch === "'") {
      const q = text.indexOf(ch, p + 1);
      if (q === -1) return -1;
      p = q + 1;
    } else if (text.startsWith('<!--', p)) {
      const q = text.indexOf('-->', p + 4);
      if (q === -1) return -1;
      p = q + 3;
    } else p++;
  }
  return -1;
}

/**
 * `<!DOCTYPE …>`: recorded, never processed. An internal subset that declares or references entities is rejected
 * (XXE, entity expansion bombs); external DTDs are never fetched.
 */
export function readDoctype(source: XmlSource, start: number): Read<XmlDocumentType> {
  const text = source.text;
  let p = start + 9;
  if (!isXmlWhitespace(text.charCodeAt(p))) throw source.malformed('Invalid DOCTYPE declaration', start, undefined);
  p = skipWhitespace(text, p);
  const name = readName(source, p);
  if (name === undefined) throw source.malformed('Invalid DOCTYPE name', start, undefined);
  p += name.length;
  const node: XmlDocumentType = { type: 'doctype', name, publicId: '', systemId: '', internalSubset: '' };
  EXTERNAL_ID_RE.lastIndex = p;
  const ext = EXTERNAL_ID_RE.exec(text);
  if (ext) {
    node.systemId = ext[1] ?? ext[2] ?? ext[5] ?? ext[6] ?? '';
    node.publicId = ext[3] ?? ext[4] ?? '';
    p = EXTERNAL_ID_RE.lastIndex;
  }
  p = skipWhitespace(text, p);
  if (text[p] === '[') {
    const close = findSubsetEnd(text, p + 1);
    if (close === -1) throw unexpectedEnd(source, 'the DOCTYPE internal subset', start, undefined);
    node.internalSubset = text.slice(p + 1, close);
    if (ENTITY_DECL_RE.test(node.internalSubset)) {
      throw source.fail(CCDA_ERROR_CODES.dtdForbidden, 'DOCTYPE internal subset declares or references entities; DTD processing is disabled', start, undefined, 'Remove the <!DOCTYPE …> declaration; C-CDA documents do not need a DTD.');
    }
    p = skipWhitespace(text, close + 1);
  }
  if (p >= text.length) throw unexpectedEnd(source, 'the DOCTYPE declaration', start, undefined);
  if (text[p] !== '>') throw source.malformed('Invalid DOCTYPE declaration', p, undefined);
  return { node, end: p + 1 };
}
