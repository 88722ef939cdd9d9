import type { ErrorLocation } from '../../pipelines/contracts/errors.js';
import type { Hl7Delimiters } from './delimiters.js';
import { hl7ParseError, HL7_PARSE_CODES } from './parse-error.js';

type SequenceDecoder = (d: Hl7Delimiters) => string;

/** Named escape sequences (msfc-compat §3.2 step 1). `\.br\` becomes backslash + `n`, as the reference does. */
const NAMED_SEQUENCES: Readonly<Record<string, SequenceDecoder>> = {
  F: (d) => d.field,
  S: (d) => d.component,
  T: (d) => d.subcomponent,
  R: (d) => d.repetition,
  E: (d) => d.escape,
  '.br': () => '\\n',
};

const UPPER_HEX = /^[0-9A-F]+$/;

function decodeHex(digits: string, at: number, location: ErrorLocation | undefined): string {
  if (digits.length % 2 !== 0) {
    throw hl7ParseError(HL7_PARSE_CODES.badEscape, 'Hexadecimal escape sequence has an odd number of digits.',
      { ...location, col: (location?.col ?? 1) + at }, 'Write \\Xhh..\\ with two hex digits per byte, e.g. \\X0D\\.');
  }
  let out = '';
  for (let i = 0; i < digits.length; i += 2) out += String.fromCharCode(parseInt(digits.slice(i, i + 2), 16));
  return out;
}

function decodeSequence(seq: string, d: Hl7Delimiters, at: number, location: ErrorLocation | undefined): string | undefined {
  const named = NAMED_SEQUENCES[seq];
  if (named) return named(d);
  if (seq.length > 1 && seq[0] === 'X' && UPPER_HEX.test(seq.slice(1))) return decodeHex(seq.slice(1), at, location);
  return undefined;
}

/**
 * HL7 unescape, one left-to-right non-nested pass (msfc-compat §3.2 step 1). Unknown sequences (`\H\`, `\N\`,
 * `\Zxx\`, lowercase hex) are copied as is and scanning resumes after their closing escape char; an escape char
 * without a closing one is copied as is.
 * @throws EngineError `parse.hl7.bad-escape` for `\X..\` with an odd number of hex digits; `location.col` is
 *   offset by the sequence position.
 */
export function unescapeHl7(raw: string, d: Hl7Delimiters, location?: ErrorLocation): string {
  let start = raw.indexOf(d.escape);
  if (start < 0) return raw;
  let out = raw.slice(0, start);
  while (start >= 0) {
    const end = raw.indexOf(d.escape, start + 1);
    if (end < 0) return out + raw.slice(start);
    const decoded = decodeSequence(raw.slice(start + 1, end), d, start, location);
    out += decoded ?? raw.slice(start, end + 1);
    start = raw.indexOf(d.escape, end + 1);
    out += raw.slice(end + 1, start < 0 ? raw.length : start);
  }
  return out;
}

/** JSON-string protection (msfc-compat §3.2 step 2): prefixes every `\` and `"` with a backslash. */
export function protectJson(text: string): string {
  if (text.indexOf('\\') < 0 && text.indexOf('"') < 0) return text;
  return text.replace(/[\\"]/g, '\\$&');
}

/** Undoes {@link protectJson}. */
export function unprotectJson(value: string): string {
  if (value.indexOf('\\') < 0) return value;
  return value.replace(/\\([\s\S])/g, '$1');
}

/** Raw HL7 text → `.Value` string: unescape then JSON-protect (msfc-compat §3.2). Fast path for plain text. */
export function normalizeValue(raw: string, d: Hl7Delimiters): string {
  if (raw.indexOf('\\') < 0 && raw.indexOf('"') < 0) return raw;
  return protectJson(unescapeHl7(raw, d));
}

/**
 * Escapes text for one HL7 component: delimiters become `\F\ \S\ \T\ \R\ \E\`, CR and LF become `\X0D\`/`\X0A\`,
 * so {@link unescapeHl7} of the result gives `text` back.
 */
export function escapeHl7(text: string, d: Hl7Delimiters): string {
  const table: Record<string, string> = {
    [d.escape]: `${d.escape}E${d.escape}`,
    [d.field]: `${d.escape}F${d.escape}`,
    [d.component]: `${d.escape}S${d.escape}`,
    [d.subcomponent]: `${d.escape}T${d.escape}`,
    [d.repetition]: `${d.escape}R${d.escape}`,
    '\r': `${d.escape}X0D${d.escape}`,
    '\n': `${d.escape}X0A${d.escape}`,
  };
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}
