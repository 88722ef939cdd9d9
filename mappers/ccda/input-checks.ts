import { CCDA_ERROR_CODES, ccdaError } from './ccda-errors.js';
import type { CcdaParseLimits } from './parse-limits.js';
import { findInvalidChar } from './xml-chars.js';
import { XmlSource } from './xml-source.js';

const LINE_BREAK_RE = /\r\n?/g;

/**
 * Checks that are cheaper than parsing and turns the raw text into an {@link XmlSource}: size limit, empty input
 * (msfc-compat §1.1 step 1), binary content, CRLF → LF (§4.1), leading byte-order mark.
 */
export function prepareSource(text: string, limits: CcdaParseLimits, file: string | undefined): XmlSource {
  const where = file === undefined ? undefined : { file };
  if (text.length > limits.maxBytes || (text.length * 3 > limits.maxBytes && Buffer.byteLength(text, 'utf8') > limits.maxBytes)) {
    throw ccdaError(CCDA_ERROR_CODES.tooLarge, `Document is larger than ${limits.maxBytes} bytes`, where, 'Split the document or raise the maxBytes limit.');
  }
  if (text.trim() === '') {
    throw ccdaError(CCDA_ERROR_CODES.empty, 'Input is empty or whitespace only', where, 'Send a C-CDA XML document.');
  }
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const normalised = unmarked.includes('\r') ? unmarked.replace(LINE_BREAK_RE, '\n') : unmarked;
  const source = new XmlSource(normalised, file);
  const bad = findInvalidChar(normalised);
  if (bad !== -1) {
    const binary = normalised.charCodeAt(bad) === 0;
    throw source.malformed(
      binary ? 'Input contains NUL characters; it looks binary, not XML text' : 'Input contains a character XML does not allow',
      bad,
      undefined,
      binary ? 'Send the XML text itself, decoded as UTF-8 (not a PDF, zip or UTF-16 bytes).' : 'Remove control characters other than tab, CR and LF.',
    );
  }
  return source;
}
