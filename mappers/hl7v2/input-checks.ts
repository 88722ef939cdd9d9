import { hl7ParseError, HL7_PARSE_CODES } from './parse-error.js';

const SAMPLE_CHARS = 4096;
const SUSPICIOUS = /[\x00-\x08\x0e-\x1b\x1d-\x1f\x7f-\x9f\ufffd]/;
const BINARY_RATIO = 0.1;
/** TAB, LF, CR, plus MLLP framing VT (0x0B) and FS (0x1C). */
const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0d, 0x1c]);

function isSuspicious(code: number): boolean {
  if (code < 0x20) return !ALLOWED_CONTROLS.has(code);
  return (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
}

/** True for text that is not an HL7 message: a NUL anywhere, or > 10% control / replacement chars in the sample. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE_CHARS);
  if (!SUSPICIOUS.test(n === text.length ? text : text.slice(0, n))) return n < text.length && text.indexOf('\0', n) >= 0;
  if (text.indexOf('\0') >= 0) return true;
  let bad = 0;
  for (let i = 0; i < n; i++) if (isSuspicious(text.charCodeAt(i))) bad++;
  return n > 0 && bad / n > BINARY_RATIO;
}

/** Same as `/\S/.test(text)`, without running the regex when the first char is printable ASCII (the usual case). */
function hasNonSpace(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first > 0x20 && first < 0x7f) || /\S/.test(text);
}

/**
 * File-level checks before splitting: strips a UTF-8 BOM, rejects empty/whitespace and binary input.
 * @returns the text without BOM and the number of BOM bytes removed (for byte offsets)
 * @throws EngineError `parse.hl7.empty` or `parse.hl7.binary`
 */
export function checkInput(text: string): { body: string; bomBytes: number } {
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const body = hasBom ? text.slice(1) : text;
  if (!hasNonSpace(body)) {
    throw hl7ParseError(HL7_PARSE_CODES.empty, 'The input is empty or whitespace only.', { line: 1 },
      'Send a file that contains at least one MSH segment.');
  }
  if (looksBinary(body)) {
    throw hl7ParseError(HL7_PARSE_CODES.binary, 'The input looks binary (NUL or many control bytes), not HL7v2 text.',
      { line: 1 }, 'Check the file type and encoding; HL7v2 is text (ASCII/UTF-8/Latin-1) with CR segment ends.');
  }
  return { body, bomBytes: hasBom ? 3 : 0 };
}
