import type { ErrorLocation } from '../../pipelines/contracts/errors.js';
import { readDelimiters } from './delimiters.js';
import type { Hl7Delimiters } from './delimiters.js';
import { unescapeHl7 } from './escape.js';
import { Hl7v2Data } from './hl7v2-data.js';
import type { MessageOrigin } from './hl7v2-data.js';
import { Hl7v2Segment } from './hl7v2-segment.js';
import { splitLines } from './lines.js';
import type { SourceLine } from './lines.js';
import { hl7ParseError, HL7_PARSE_CODES } from './parse-error.js';

const MESSAGE_HEADER_IDS = ['MSH'] as const;

function validateRaw(raw: string, d: Hl7Delimiters, location: ErrorLocation): void {
  unescapeHl7(raw, d, location);
}

/**
 * The reference normalises every level eagerly, so a bad `\X..\` anywhere fails the parse (msfc-compat §3.2). We
 * parse lazily, so lines that contain `\X` are checked at every level up front; other lines cannot fail.
 */
function validateEscapes(segment: Hl7v2Segment, line: SourceLine, record: number | undefined): void {
  const base: ErrorLocation = { line: line.line, segment: segment.id, segmentIndex: segment.position.index, record };
  segment.Fields.items.forEach((field, n) => {
    if (!field || (segment.isHeader && n <= 2)) return;
    const at = { ...base, field: n };
    validateRaw(field.raw, segment.d, at);
    for (const rep of field.Repeats.items) {
      validateRaw(rep.raw, segment.d, at);
      for (const c of rep.Components.items) {
        if (!c) continue;
        validateRaw(c.raw, segment.d, at);
        for (const s of c.raw.split(segment.d.subcomponent)) validateRaw(s, segment.d, at);
      }
    }
  });
  validateRaw(segment.raw, segment.d, { ...base, col: 1 });
}

/**
 * Builds the model of one message from its non-empty lines (msfc-compat §3.1–§3.3).
 * @param lines - the message's lines, first one the MSH header
 * @param value - raw message text (`hl7v2Data.Value`)
 * @throws EngineError `parse.hl7.*` for a bad header or a bad hex escape
 */
export function buildMessage(lines: SourceLine[], value: string, origin?: MessageOrigin): Hl7v2Data {
  const record = origin?.record;
  if (lines.length === 0) {
    throw hl7ParseError(HL7_PARSE_CODES.empty, 'The message is empty.', { record }, 'Send a message that starts with an MSH segment.');
  }
  const d = readDelimiters(lines[0].text, MESSAGE_HEADER_IDS, { line: lines[0].line, record });
  const segments: Hl7v2Segment[] = [];
  const ids: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const l = lines[index];
    const segment = new Hl7v2Segment(l.text, d, index === 0, { index, line: l.line, offset: l.offset });
    segments.push(segment);
    ids.push(segment.id);
  }
  if (value.includes('\\X')) {
    segments.forEach((s, i) => {
      if (s.raw.includes('\\X')) validateEscapes(s, lines[i], record);
    });
  }
  return new Hl7v2Data(value, ids, segments, d, origin);
}

/**
 * Parses one HL7v2 message (no batch handling; see `parseBatch` for files). CR, LF and CRLF all end segments.
 * @throws EngineError `parse.hl7.empty`, `parse.hl7.missing-msh`, `parse.hl7.truncated-msh`,
 *   `parse.hl7.bad-delimiters`, `parse.hl7.bad-escape`
 */
export function parseHl7Message(text: string): Hl7v2Data {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw hl7ParseError(HL7_PARSE_CODES.empty, 'The input is empty or whitespace only.', {}, 'Send a message that starts with an MSH segment.');
  }
  return buildMessage(splitLines(body), body, undefined);
}
