import type { ErrorLocation } from '../../pipelines/contracts/errors.js';
import { hl7ParseError, HL7_PARSE_CODES } from './parse-error.js';

/** The five HL7v2 encoding characters of one message (msfc-compat §3.1). */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

/** The HL7 default encoding characters `|^~\&`. */
export const DEFAULT_DELIMITERS: Readonly<Hl7Delimiters> = Object.freeze({
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
});

const HEADER_MIN_LENGTH = 8;
const STANDARD_CHARS = '|^~\\&';

function pairwiseDistinct(chars: string): boolean {
  for (let i = 1; i < chars.length; i++) if (chars.lastIndexOf(chars[i], i - 1) >= 0) return false;
  return true;
}

/**
 * Reads the delimiters from a header line (`MSH`, or `FHS`/`BHS` for envelopes) at positions 3..7 and applies the
 * msfc-compat §3.1 checks: header id (case-insensitive), length ≥ 8, pairwise distinct, escape char `\`.
 * @param line - the header line, without its terminator
 * @param headerIds - accepted upper-case header ids
 * @param location - where the line sits (line number, record) for the error
 */
export function readDelimiters(line: string, headerIds: readonly string[], location: ErrorLocation): Hl7Delimiters {
  const id = line.slice(0, 3).toUpperCase();
  if (!headerIds.includes(id) || line.trim() === '') {
    throw hl7ParseError(HL7_PARSE_CODES.missingMsh, `The message does not start with an ${headerIds.join('/')} segment.`,
      { ...location, segmentIndex: 0 }, 'Make sure the first segment of every message is MSH|^~\\&|... (check for junk lines or a wrong file).');
  }
  if (line.length < HEADER_MIN_LENGTH) {
    throw hl7ParseError(HL7_PARSE_CODES.truncatedMsh, `The ${id} segment is shorter than ${HEADER_MIN_LENGTH} characters.`,
      { ...location, segment: id, segmentIndex: 0, field: 1 }, `Complete the header: ${id}|^~\\&| followed by its fields.`);
  }
  const chars = recoverDoubledEscape(line) ?? line.slice(3, 8);
  if (!pairwiseDistinct(chars)) {
    throw hl7ParseError(HL7_PARSE_CODES.badDelimiters, `${id}-1/${id}-2 encoding characters are not pairwise distinct.`,
      { ...location, segment: id, segmentIndex: 0, field: 2, col: 4 }, 'Use five different encoding characters, normally |^~\\&; MSH-2 must have exactly four characters.');
  }
  if (chars[3] !== '\\') {
    throw hl7ParseError(HL7_PARSE_CODES.badDelimiters, `${id}-2 escape character is not a backslash.`,
      { ...location, segment: id, segmentIndex: 0, field: 2, col: 7 }, 'Set the escape character (4th character of MSH-2) to \\ as in |^~\\&.');
  }
  if (chars === STANDARD_CHARS) return DEFAULT_DELIMITERS;
  return { field: chars[0], component: chars[1], repetition: chars[2], escape: chars[3], subcomponent: chars[4] };
}

/**
 * Recovers the common sender bug `MSH|^~\\&|` (the escape character written twice, as from an unescaped string
 * literal): when MSH-2 is exactly the four standard-position characters with the escape doubled, the doubled escape
 * is read as one. Returns the five delimiter characters, or undefined when the header is not of that shape.
 */
function recoverDoubledEscape(line: string): string | undefined {
  const field = line[3];
  const end = line.indexOf(field, 4);
  const msh2 = end < 0 ? line.slice(4) : line.slice(4, end);
  if (msh2.length !== 5 || msh2[2] !== '\\' || msh2[3] !== '\\') return undefined;
  const chars = field + msh2.slice(0, 3) + msh2[4];
  return pairwiseDistinct(chars) ? chars : undefined;
}
