import { CCDA_ERROR_CODES } from './ccda-errors.js';
import { decodeEntities, isWhitespaceOnly, isWhitespaceRange } from './xml-chars.js';
import { readComment, readDeclaration, readDoctype, readName, readProcessingInstruction, skipWhitespace } from './xml-markup.js';
import { FRAGMENT_NAMESPACES, readStartTag, rootScope } from './xml-start-tag.js';
import type { NamespaceScope } from './xml-start-tag.js';
import type { XmlSource } from './xml-source.js';
import type { XmlChild, XmlDocument, XmlElement } from './xml-tree.js';
import type { CcdaParseLimits } from './parse-limits.js';

interface Frame {
  element: XmlElement;
  scope: NamespaceScope;
  preserve: boolean;
}

type TopNode = XmlDocument['children'][number];

/**
 * Reads well-formed XML the way LINQ-to-XML loads it with default options (msfc-compat §4.1): entities decoded,
 * whitespace-only text dropped outside `xml:space="preserve"`, comments, PIs and CDATA kept, no DTD processing.
 * Iterative (no recursion), linear in the input, bounded by `limits`.
 */
export class XmlReader {
  private readonly stack: Frame[] = [];
  private readonly top: TopNode[] = [];
  private root: XmlElement | undefined;
  private nodes = 0;
  private readonly declarations = { value: 0 };

  constructor(
    private readonly source: XmlSource,
    private readonly limits: CcdaParseLimits,
    private readonly lenientPrefixes = false,
  ) {}

  read(): XmlDocument {
    const text = this.source.text;
    let pos = 0;
    let declaration: XmlDocument['declaration'];
    if (text.startsWith('<?xml') && /[\s?]/.test(text[5] ?? '')) {
      const decl = readDeclaration(this.source, 0);
      declaration = decl.node;
      pos = decl.end;
    }
    while (pos < text.length) {
      const lt = text.indexOf('<', pos);
      const textEnd = lt === -1 ? text.length : lt;
      if (textEnd > pos) this.addText(pos, textEnd, false);
      if (lt === -1) break;
      pos = this.readMarkup(lt);
    }
    if (this.stack.length > 0) {
      const open = this.current();
      throw this.source.malformed('Unexpected end of input; elements are not closed', text.length, open, 'The input looks truncated; send the complete document.');
    }
    if (!this.root) throw this.source.malformed('The document has no root element', text.length, undefined, 'Send a C-CDA document whose root element is <ClinicalDocument>.');
    const ambientNamespaces = rootScope(this.root.qname, this.lenientPrefixes).has('xsi') ? FRAGMENT_NAMESPACES : [];
    return { declaration, children: this.top, root: this.root, ambientNamespaces };
  }

  private current(): XmlElement | undefined {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].element : undefined;
  }

  private countNode(offset: number): void {
    if (++this.nodes > this.limits.maxNodes) {
      throw this.source.fail(CCDA_ERROR_CODES.tooLarge, `Document has more than ${this.limits.maxNodes} XML nodes`, offset, this.current(), 'Split the document or raise the maxNodes limit.');
    }
  }

  private append(child: XmlChild, offset: number): void {
    this.countNode(offset);
    const frame = this.stack[this.stack.length - 1];
    if (frame) frame.element.children.push(child);
    else if (child.type === 'comment' || child.type === 'pi') this.top.push(child);
  }

  private addText(start: number, end: number, cdata: boolean): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame && !cdata && !frame.preserve && isWhitespaceRange(this.source.text, start, end)) return;
    const raw = this.source.text.slice(start, end);
    if (!frame) {
      if (cdata || !isWhitespaceOnly(raw)) throw this.source.malformed('Text is not allowed outside the root element', start, undefined, 'Remove the stray characters before or after the root element.');
      return;
    }
    if (!cdata && raw.includes(']]>')) throw this.source.malformed('"]]>" is not allowed in text', start + raw.indexOf(']]>'), frame.element, 'Escape ">" as &gt; in text.');
    const value = cdata ? raw : decodeEntities(raw, start, this.source, frame.element);
    if (!cdata && !frame.preserve && isWhitespaceOnly(value)) return;
    this.append({ type: 'text', value, cdata }, start);
  }

  private readMarkup(lt: number): number {
    const text = this.source.text;
    const next = text[lt + 1];
    if (next === '/') return this.readEndTag(lt);
    if (next === '?') {
      const pi = readProcessingInstruction(this.source, lt, this.current());
      this.append(pi.node, lt);
      return pi.end;
    }
    if (next !== '!') return this.openElement(lt);
    if (text.startsWith('<!--', lt)) {
      const comment = readComment(this.source, lt, this.current());
      this.append(comment.node, lt);
      return comment.end;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close === -1) throw this.source.malformed('Unexpected end of input inside CDATA', lt, this.current(), 'The input looks truncated; send the complete document.');
      this.addText(lt + 9, close, true);
      return close + 3;
    }
    if (text.startsWith('<!DOCTYPE', lt)) return this.readDoctypeAt(lt);
    throw this.source.malformed('Invalid markup after "<!"', lt, this.current());
  }

  private readDoctypeAt(lt: number): number {
    if (this.stack.length > 0 || this.root || this.top.some((n) => n.type === 'doctype')) {
      throw this.source.malformed('DOCTYPE is only allowed once, before the root element', lt, this.current());
    }
    const doctype = readDoctype(this.source, lt);
    this.top.push(doctype.node);
    return doctype.end;
  }

  private openElement(lt: number): number {
    const parentFrame = this.stack[this.stack.length - 1];
    if (!parentFrame && this.root) throw this.source.malformed('Only one root element is allowed', lt, undefined, 'Send one document per input.');
    const name = readName(this.source, lt + 1);
    const tag = readStartTag(this.source, lt, parentFrame?.element, parentFrame?.scope ?? rootScope(name ?? '', this.lenientPrefixes), this.declarations, name);
    const element = tag.element;
    if (this.stack.length + 1 > this.limits.maxDepth) {
      throw this.source.fail(CCDA_ERROR_CODES.tooDeep, `Elements are nested deeper than ${this.limits.maxDepth} levels`, lt, element, 'Flatten the document; the reference engine rejects nesting deeper than 64 levels.');
    }
    this.append(element, lt);
    if (!parentFrame) {
      this.root = element;
      this.top.push(element);
    }
    if (!element.selfClosing) {
      const space = element.attributes.length === 0 ? undefined : element.attributes.find((a) => a.qname === 'xml:space')?.value;
      const preserve = space === 'preserve' ? true : space === 'default' ? false : (parentFrame?.preserve ?? false);
      this.stack.push({ element, scope: tag.scope, preserve });
    }
    return tag.end;
  }

  private readEndTag(lt: number): number {
    const text = this.source.text;
    const frame = this.stack.pop();
    const qname = readName(this.source, lt + 2);
    if (!frame) throw this.source.malformed('End tag without a matching start tag', lt, undefined);
    if (qname !== frame.element.qname) {
      throw this.source.malformed(`End tag does not match the start tag "${frame.element.qname}"`, lt, frame.element, 'Close elements in the reverse order they were opened.');
    }
    const p = skipWhitespace(text, lt + 2 + qname.length);
    if (text[p] !== '>') throw this.source.malformed('Expected ">" to close the end tag', p, frame.element);
    return p + 1;
  }
}
