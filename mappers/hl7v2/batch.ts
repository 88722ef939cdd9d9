import { EngineError, isEngineError } from '../../pipelines/contracts/errors.js';
import { readDelimiters } from './delimiters.js';
import { checkInput } from './input-checks.js';
import { splitLines } from './lines.js';
import type { SourceLine } from './lines.js';
import { hl7ParseError, HL7_PARSE_CODES } from './parse-error.js';

/** One message cut out of a file, not parsed yet. */
export interface MessageSlice {
  /** Non-empty lines of the message; the first is its MSH. */
  lines: SourceLine[];
  /** Raw message text, from its MSH to its last line terminator. */
  value: string;
  /** 0-based message index in the file. */
  record: number;
  /** 0-based UTF-8 byte offset of the MSH line in the file (BOM included). */
  byteOffset: number;
}

/** Result of cutting a file into messages. Junk outside messages is reported in `failures`. */
export interface BatchSplit {
  messages: MessageSlice[];
  failures: EngineError[];
  /** FHS/BHS/BTS/FTS lines seen (0 for a plain file of MSH messages). */
  envelopeLines: number;
}

type LineKind = 'message' | 'header' | 'trailer' | 'other';

const LINE_KINDS: Readonly<Record<string, LineKind>> = { MSH: 'message', FHS: 'header', BHS: 'header', BTS: 'trailer', FTS: 'trailer' };

/** Lower-cased first letters of MSH/FHS/BHS/BTS/FTS: other lines skip the table lookup. */
const HEADER_INITIALS = new Set(['m', 'f', 'b'].map((c) => c.charCodeAt(0)));

function classify(line: string): LineKind {
  if (!HEADER_INITIALS.has(line.charCodeAt(0) | 0x20)) return 'other';
  return LINE_KINDS[line.slice(0, 3).toUpperCase()] ?? 'other';
}

function stripFraming(body: string, lines: SourceLine[]): SourceLine[] {
  if (body.indexOf('\x0b') < 0 && body.indexOf('\x1c') < 0) return lines;
  const out: SourceLine[] = [];
  for (const l of lines) {
    if (l.text === '\x1c') continue;
    out.push(l.text.charCodeAt(0) === 0x0b ? { ...l, text: l.text.slice(1), offset: l.offset + 1 } : l);
  }
  return out.filter((l) => l.text !== '');
}

function checkEnvelopeHeader(line: SourceLine): void {
  try {
    readDelimiters(line.text, ['FHS', 'BHS'], { line: line.line });
  } catch (err) {
    const inner = err as EngineError;
    throw hl7ParseError(HL7_PARSE_CODES.badEnvelope, `Batch envelope header is invalid: ${inner.message}`,
      { ...inner.location, line: line.line }, inner.suggestion ?? 'Fix the FHS/BHS header or remove the envelope.');
  }
}

function junkFailure(line: SourceLine, record: number): EngineError {
  return hl7ParseError(HL7_PARSE_CODES.missingMsh, 'Lines outside any message (before its MSH) were found.',
    { line: line.line, record, segmentIndex: 0 }, 'Remove the lines before the MSH segment, or fix the segment id.');
}

/**
 * Cuts an HL7v2 file into messages: every MSH starts a message; FHS/BHS/BTS/FTS envelope lines are dropped; works
 * with or without batch headers and with any mixture of CR/LF/CRLF. MLLP framing (VT/FS) is tolerated.
 * @throws EngineError `parse.hl7.empty`, `parse.hl7.binary`, `parse.hl7.bad-envelope` (whole file unusable)
 */
export function splitBatch(text: string): BatchSplit {
  const { body, bomBytes } = checkInput(text);
  const lines = stripFraming(body, splitLines(body));
  const split: BatchSplit = { messages: [], failures: [], envelopeLines: 0 };
  let current: SourceLine[] | undefined;
  let junk: SourceLine | undefined;
  const bytes = { offset: 0, count: bomBytes };
  const close = (): void => {
    if (!current) return;
    const first = current[0];
    bytes.count += Buffer.byteLength(body.slice(bytes.offset, first.offset));
    bytes.offset = first.offset;
    const value = body.slice(first.offset, current[current.length - 1].end);
    split.messages.push({ lines: current, value, record: split.messages.length, byteOffset: bytes.count });
    current = undefined;
  };
  const flushJunk = (): void => {
    if (junk && junk.text.trim() !== '') split.failures.push(junkFailure(junk, split.messages.length));
    junk = undefined;
  };
  for (const line of lines) {
    const kind = classify(line.text);
    if (kind === 'message') {
      close();
      flushJunk();
      current = [line];
    } else if (kind === 'other') {
      if (current) current.push(line);
      else junk ??= line.text.trim() === '' ? undefined : line;
    } else {
      close();
      flushJunk();
      split.envelopeLines += 1;
      if (kind === 'header') checkEnvelopeHeader(line);
    }
  }
  close();
  flushJunk();
  return split;
}

/** Wraps a non-EngineError thrown while parsing a message (a bug) so callers only ever see EngineError. */
export function asParseError(err: unknown, record: number, line: number): EngineError {
  if (isEngineError(err)) return err;
  return new EngineError('parse.hl7.internal', 'Unexpected failure while parsing an HL7v2 message.', {
    stage: 'parse', location: { record, line }, suggestion: 'Report this input shape as a parser bug.', cause: err,
  });
}
