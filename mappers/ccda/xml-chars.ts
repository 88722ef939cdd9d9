import type { XmlSource } from './xml-source.js';
import type { XmlElement } from './xml-tree.js';

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\uD800-\\uDBFF';
const NAME_CHAR = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040\\uDC00-\\uDFFF';

/** Sticky XML 1.0 Name matcher (W3C XML §2.3); supplementary characters are accepted as surrogate pairs. */
export const NAME_RE = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'y');

const INVALID_CHAR_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Any character {@link INVALID_CHAR_RE} could reject; a cheap first pass (surrogate pairs need the full check). */
const SUSPECT_CHAR_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Offset of the first character that XML 1.0 forbids (W3C XML §2.2), or -1. */
export function findInvalidChar(text: string): number {
  if (!SUSPECT_CHAR_RE.test(text)) return -1;
  const match = INVALID_CHAR_RE.exec(text);
  return match ? match.index : -1;
}

export function isXmlWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

const WHITESPACE_ONLY_RE = /^[ \t\n\r]*$/;

export function isWhitespaceOnly(text: string): boolean {
  return WHITESPACE_ONLY_RE.test(text);
}

/** True when `text` from `start` to `end` (exclusive) holds only XML white space (no slice, no regex). */
export function isWhitespaceRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isXmlWhitespace(text.charCodeAt(i))) return false;
  return true;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isLegalCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function decodeReference(ref: string): string | undefined {
  if (ref.charCodeAt(0) !== 0x23) return PREDEFINED[ref];
  const hex = ref.charCodeAt(1) === 0x78;
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9A-Fa-f]{1,8}$/ : /^[0-9]{1,10}$/).test(digits)) return undefined;
  const cp = parseInt(digits, hex ? 16 : 10);
  return isLegalCodePoint(cp) ? String.fromCodePoint(cp) : undefined;
}

/**
 * Expands the five predefined entities and character references; anything else is an error, because no DTD is
 * ever processed. `offset` is where `raw` starts in the source.
 */
export function decodeEntities(raw: string, offset: number, source: XmlSource, element: XmlElement | undefined): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp + 1);
    const ref = semi === -1 ? '' : raw.slice(amp + 1, semi);
    const value = semi === -1 || semi - amp > 14 ? undefined : decodeReference(ref);
    if (value === undefined) {
      throw source.malformed(
        'Undeclared entity or invalid character reference',
        offset + amp,
        element,
        'Only &lt; &gt; &amp; &quot; &apos; and &#N; / &#xH; references are allowed; escape a literal "&" as &amp;.',
      );
    }
    out += raw.slice(last, amp) + value;
    last = semi + 1;
    amp = raw.indexOf('&', last);
  }
  return out + raw.slice(last);
}
