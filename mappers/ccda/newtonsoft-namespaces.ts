import { PrefixBindings } from './prefix-bindings.js';
import { XMLNS_NS, XML_NS } from './xml-tree.js';

const BUILT_IN: [string, string][] = [
  ['xml', XML_NS],
  ['xmlns', XMLNS_NS],
  ['', ''],
];

/**
 * The namespace manager Newtonsoft's XmlNodeConverter keeps while writing (a .NET XmlNamespaceManager): one scope per
 * element, filled from the element's namespace-declaration attributes (the implicit `xmlns` one included). Property
 * names take their prefix from {@link lookupPrefix} (msfc-compat §4.4). Lookups are indexed ({@link PrefixBindings}),
 * so many declarations cannot make conversion quadratic.
 */
export class NewtonsoftNamespaces {
  private readonly bindings = new PrefixBindings();

  constructor() {
    for (const [prefix, uri] of BUILT_IN) this.bindings.add(prefix, uri);
  }

  push(): void {
    this.bindings.push();
  }

  pop(): void {
    this.bindings.pop(BUILT_IN.length);
  }

  add(prefix: string, uri: string): void {
    this.bindings.add(prefix, uri);
  }

  lookupNamespace(prefix: string): string | undefined {
    return this.bindings.lookupNamespace(prefix);
  }

  /** Most recently declared prefix still bound to `uri`, or undefined. */
  lookupPrefix(uri: string): string | undefined {
    return this.bindings.lookupPrefix(uri);
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
