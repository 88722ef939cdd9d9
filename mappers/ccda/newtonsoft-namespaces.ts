import { XMLNS_NS, XML_NS } from './xml-tree.js';

interface Declaration {
  prefix: string;
  uri: string;
}

/**
 * The namespace manager Newtonsoft's XmlNodeConverter keeps while writing (a .NET XmlNamespaceManager): one scope per
 * element, filled from the element's namespace-declaration attributes (the implicit `xmlns` one included). Property
 * names take their prefix from {@link lookupPrefix} (msfc-compat §4.4).
 */
export class NewtonsoftNamespaces {
  private readonly declarations: Declaration[] = [
    { prefix: 'xml', uri: XML_NS },
    { prefix: 'xmlns', uri: XMLNS_NS },
    { prefix: '', uri: '' },
  ];
  private readonly marks: number[] = [];
  private readonly prefixCache = new Map<string, string | undefined>();

  push(): void {
    this.marks.push(this.declarations.length);
  }

  pop(): void {
    const mark = this.marks.pop() ?? 3;
    if (mark !== this.declarations.length) this.prefixCache.clear();
    this.declarations.length = mark;
  }

  add(prefix: string, uri: string): void {
    this.declarations.push({ prefix, uri });
    this.prefixCache.clear();
  }

  lookupNamespace(prefix: string): string | undefined {
    for (let i = this.declarations.length - 1; i >= 0; i--) {
      if (this.declarations[i].prefix === prefix) return this.declarations[i].uri;
    }
    return undefined;
  }

  /** Most recently declared prefix still bound to `uri`, or undefined. */
  lookupPrefix(uri: string): string | undefined {
    if (this.prefixCache.has(uri)) return this.prefixCache.get(uri);
    let found: string | undefined;
    const shadowed = new Set<string>();
    for (let i = this.declarations.length - 1; i >= 0 && found === undefined; i--) {
      const { prefix, uri: declared } = this.declarations[i];
      if (declared === uri && !shadowed.has(prefix)) found = prefix;
      shadowed.add(prefix);
    }
    this.prefixCache.set(uri, found);
    return found;
  }

  /** `prefix:local` as Newtonsoft names an element or attribute in `uri`; the local name is XML-name-decoded. */
  fullName(uri: string, local: string): string {
    const prefix = this.lookupPrefix(uri);
    const decoded = decodeXmlName(local);
    return prefix ? `${prefix}:${decoded}` : decoded;
  }
}

const ENCODED_RE = /_x([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})_/g;

/** .NET XmlConvert.DecodeName: `_xHHHH_` / `_xHHHHHHHH_` become the character (msfc-compat §4.4). */
export function decodeXmlName(name: string): string {
  if (!name.includes('_x')) return name;
  return name.replace(ENCODED_RE, (whole, hex: string) => {
    const cp = parseInt(hex, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}
