/** One attribute as written, its value with references resolved. */
export interface XmlAttribute {
  name: string;
  value: string;
}

/** Receives the events of {@link scanXml} in document order; the scan stops at the first fault. */
export interface XmlHandler {
  /** A start tag (a self-closing tag is followed by {@link XmlHandler.endElement} at once). */
  startElement(name: string, attributes: readonly XmlAttribute[]): void;
  endElement(name: string): void;
  /** Character data holding non-whitespace (text, CDATA, character references) inside the root element. */
  content(): void;
  /**
   * A named entity reference other than the five XML ones (lt, gt, amp, quot, apos), e.g. `&nbsp;`; `attribute`
   * names the attribute (and its element, not yet started) when the reference is in an attribute value.
   */
  unknownEntity(name: string, attribute?: { element: string; name: string }): void;
}

/** Bounds of one scan. */
export interface XmlLimits {
  maxLength: number;
  maxDepth: number;
}

/** Why a scan stopped: malformed XML (`syntax`) or a bound of {@link XmlLimits} (`limit`). */
export interface XmlFault {
  kind: 'syntax' | 'limit';
  message: string;
  offset: number;
}

class FaultSignal {
  constructor(readonly fault: XmlFault) {}
}

const LT = 60;
const GT = 62;
const AMP = 38;
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const BANG = 33;
const QUEST = 63;
const HASH = 35;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const CHAR_REF = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (c >= 0xc0 && c < 0xd800) || (c >= 0xf900 && c <= 0xfffd);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

function isXmlCodePoint(cp: number): boolean {
  if (cp < 0x20) return cp === 9 || cp === 10 || cp === 13;
  return cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function hex(c: number): string {
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}

/** A bounded, non-validating XML 1.0 scanner: no DTD, only the predefined and numeric references. */
class XmlScanner {
  private pos = 0;
  private end = 0;
  private readonly open: string[] = [];
  private attribute: { element: string; name: string } | undefined;
  private rootDone = false;

  constructor(
    private readonly src: string,
    private readonly h: XmlHandler,
    private readonly limits: XmlLimits,
  ) {}

  run(): void {
    const src = this.src;
    if (src.length > this.limits.maxLength) this.fail('limit', `is ${src.length} characters long, over the ${this.limits.maxLength} the checker reads`, 0);
    while (this.pos < src.length) {
      if (src.charCodeAt(this.pos) === LT) this.markup();
      else this.chars();
    }
    if (this.open.length > 0) this.fail('syntax', `<${this.open[this.open.length - 1]}> is not closed`, src.length);
    if (!this.rootDone) this.fail('syntax', 'there is no root element', 0);
  }

  private fail(kind: XmlFault['kind'], message: string, offset: number): never {
    throw new FaultSignal({ kind, message, offset });
  }

  private checkChar(c: number, i: number): void {
    if (c < 0x20) {
      if (!isSpace(c)) this.fail('syntax', `control character ${hex(c)} is not allowed in XML`, i);
    } else if (c >= 0xd800) {
      if (c === 0xfffe || c === 0xffff) this.fail('syntax', `character ${hex(c)} is not allowed in XML`, i);
      if (c <= 0xdbff) {
        const lo = this.src.charCodeAt(i + 1);
        if (!(lo >= 0xdc00 && lo <= 0xdfff)) this.fail('syntax', `unpaired surrogate ${hex(c)}`, i);
      } else if (c <= 0xdfff) {
        const hi = this.src.charCodeAt(i - 1);
        if (!(hi >= 0xd800 && hi <= 0xdbff)) this.fail('syntax', `unpaired surrogate ${hex(c)}`, i);
      }
    }
  }

  private chars(): void {
    const src = this.src;
    const inside = this.open.length > 0;
    let content = false;
    let i = this.pos;
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (c === LT) break;
      if (c === AMP) {
        if (!inside) this.fail('syntax', 'text outside the root element', i);
        const text = this.reference(i);
        if (!(text.length === 1 && isSpace(text.charCodeAt(0)))) content = true;
        i = this.end;
        continue;
      }
      if (!isSpace(c)) {
        this.checkChar(c, i);
        if (c === GT && i >= 2 && src.charCodeAt(i - 1) === 93 && src.charCodeAt(i - 2) === 93) this.fail('syntax', "']]>' is not allowed in text; write ]]&gt;", i - 2);
        content = true;
      }
      i++;
    }
    if (content && !inside) this.fail('syntax', 'text outside the root element', this.pos);
    if (content) this.h.content();
    this.pos = i;
  }

  /** Reads the reference starting at `i` and returns its replacement text; sets `end` past the `;`. */
  private reference(i: number): string {
    const src = this.src;
    const semi = src.indexOf(';', i + 1);
    const body = semi < 0 || semi - i > 40 ? '' : src.slice(i + 1, semi);
    if (body === '') this.fail('syntax', "'&' does not start a reference; escape it as &amp;", i);
    this.end = semi + 1;
    if (body.charCodeAt(0) === HASH) {
      const m = CHAR_REF.exec(body);
      const cp = m ? parseInt(m[1] ?? m[2], m[1] !== undefined ? 16 : 10) : -1;
      if (!isXmlCodePoint(cp)) this.fail('syntax', `&${body}; is not a valid character reference`, i);
      return String.fromCodePoint(cp);
    }
    for (let k = 0; k < body.length; k++) {
      if (!(k === 0 ? isNameStart(body.charCodeAt(k)) : isNameChar(body.charCodeAt(k)))) this.fail('syntax', "'&' does not start a reference; escape it as &amp;", i);
    }
    const predefined = PREDEFINED[body];
    if (predefined !== undefined) return predefined;
    this.h.unknownEntity(body, this.attribute);
    return `&${body};`;
  }

  private markup(): void {
    const src = this.src;
    const i = this.pos;
    const next = src.charCodeAt(i + 1);
    if (next === BANG) {
      if (src.startsWith('<!--', i)) this.comment(i);
      else if (src.startsWith('<![CDATA[', i)) this.cdata(i);
      else this.fail('syntax', 'DOCTYPE and other declarations are not allowed', i);
    } else if (next === QUEST) {
      this.fail('syntax', 'processing instructions (<?...?>) are not allowed', i);
    } else if (next === SLASH) {
      this.endTag(i);
    } else {
      this.startTag(i);
    }
  }

  private comment(i: number): void {
    const close = this.src.indexOf('--', i + 4);
    if (close < 0) this.fail('syntax', 'comment is not closed by -->', i);
    if (this.src.charCodeAt(close + 2) !== GT) this.fail('syntax', "'--' is not allowed inside a comment", close);
    this.pos = close + 3;
  }

  private cdata(i: number): void {
    if (this.open.length === 0) this.fail('syntax', 'CDATA outside the root element', i);
    const close = this.src.indexOf(']]>', i + 9);
    if (close < 0) this.fail('syntax', 'CDATA section is not closed by ]]>', i);
    let content = false;
    for (let k = i + 9; k < close; k++) {
      const c = this.src.charCodeAt(k);
      if (isSpace(c)) continue;
      this.checkChar(c, k);
      content = true;
    }
    if (content) this.h.content();
    this.pos = close + 3;
  }

  private name(i: number, expected: string): string {
    const src = this.src;
    if (!isNameStart(src.charCodeAt(i))) this.fail('syntax', expected, i);
    let k = i + 1;
    while (k < src.length && isNameChar(src.charCodeAt(k))) k++;
    this.end = k;
    return src.slice(i, k);
  }

  private skipSpace(i: number): number {
    while (i < this.src.length && isSpace(this.src.charCodeAt(i))) i++;
    return i;
  }

  private startTag(i: number): void {
    const src = this.src;
    if (this.rootDone) this.fail('syntax', 'a second element follows the root element', i);
    const name = this.name(i + 1, "'<' does not start a tag; escape it as &lt;");
    let p = this.end;
    const attrs: XmlAttribute[] = [];
    let selfClosing = false;
    for (;;) {
      const at = this.skipSpace(p);
      const c = src.charCodeAt(at);
      if (c === GT) {
        p = at + 1;
        break;
      }
      if (c === SLASH && src.charCodeAt(at + 1) === GT) {
        p = at + 2;
        selfClosing = true;
        break;
      }
      if (at >= src.length) this.fail('syntax', `<${name}> tag is not closed by >`, i);
      if (at === p) this.fail('syntax', `whitespace or > expected in <${name}>`, at);
      const attr = this.name(at, `attribute name or > expected in <${name}>`);
      let q = this.skipSpace(this.end);
      if (src.charCodeAt(q) !== EQ) this.fail('syntax', `attribute ${attr} of <${name}> has no value (write ${attr}="...")`, at);
      q = this.skipSpace(q + 1);
      const quote = src.charCodeAt(q);
      if (quote !== QUOT && quote !== APOS) this.fail('syntax', `the value of attribute ${attr} of <${name}> is not quoted`, q);
      this.attribute = { element: name, name: attr };
      const value = this.attributeValue(q + 1, quote, attr);
      this.attribute = undefined;
      if (attrs.some((a) => a.name === attr)) this.fail('syntax', `attribute ${attr} appears twice on <${name}>`, at);
      attrs.push({ name: attr, value });
      p = this.end;
    }
    if (this.open.length >= this.limits.maxDepth) this.fail('limit', `nests elements deeper than the ${this.limits.maxDepth} levels the checker reads`, i);
    this.open.push(name);
    this.h.startElement(name, attrs);
    this.pos = p;
    if (selfClosing) this.close();
  }

  private attributeValue(start: number, quote: number, attr: string): string {
    const src = this.src;
    let out = '';
    let from = start;
    for (let k = start; k < src.length; ) {
      const c = src.charCodeAt(k);
      if (c === quote) {
        this.end = k + 1;
        return out + src.slice(from, k);
      }
      if (c === LT) this.fail('syntax', `'<' in the value of attribute ${attr}; escape it as &lt;`, k);
      if (c === AMP) {
        out += src.slice(from, k) + this.reference(k);
        k = from = this.end;
        continue;
      }
      this.checkChar(c, k);
      k++;
    }
    return this.fail('syntax', `the value of attribute ${attr} is not closed`, start - 1);
  }

  private endTag(i: number): void {
    const name = this.name(i + 2, "element name expected after '</'");
    const q = this.skipSpace(this.end);
    if (this.src.charCodeAt(q) !== GT) this.fail('syntax', `</${name} is not closed by >`, i);
    const open = this.open[this.open.length - 1];
    if (open === undefined) this.fail('syntax', `</${name}> closes no open element`, i);
    if (open !== name) this.fail('syntax', `expected </${open}> but found </${name}>`, i);
    this.pos = q + 1;
    this.close();
  }

  private close(): void {
    const name = this.open.pop() as string;
    this.h.endElement(name);
    if (this.open.length === 0) this.rootDone = true;
  }
}

/**
 * Scans an XML fragment with one root element and reports its structure to `handler`. Returns the fault that
 * stopped the scan, or undefined when the text is well-formed. Never throws.
 */
export function scanXml(src: string, handler: XmlHandler, limits: XmlLimits): XmlFault | undefined {
  try {
    new XmlScanner(src, handler, limits).run();
    return undefined;
  } catch (e) {
    if (e instanceof FaultSignal) return e.fault;
    return { kind: 'syntax', message: 'the text could not be read as XML', offset: 0 };
  }
}
