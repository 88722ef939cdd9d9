/** HL7 table 0357 message error condition codes used in ERR-3. */
export const HL7_ERROR = {
  segmentSequence: { code: '100', text: 'Segment sequence error' },
  requiredFieldMissing: { code: '101', text: 'Required field missing' },
  dataType: { code: '102', text: 'Data type error' },
  internal: { code: '207', text: 'Application internal error' },
} as const;

/** Why a frame cannot be accepted: ACK code, ERR-2 location, ERR-3 code, ERR-4 severity and ERR-8 user message. */
export interface HeaderProblem {
  ack: 'AE' | 'AR';
  error: { code: string; text: string };
  severity: 'E' | 'F' | 'W';
  /** ERR-2: segment id, 1-based segment sequence, field number. */
  location?: { segment: string; sequence: number; field: number };
  userMessage: string;
  /** The header, when it could be read (the problem is further in). */
  header?: Hl7Header;
}

/** The parts of a message or batch header the listener needs to answer it. */
export interface Hl7Header {
  kind: 'message' | 'batch';
  fieldSeparator: string;
  encodingCharacters: string;
  /** Header fields in HL7 numbering (index 1 = field separator, 2 = encoding characters). */
  fields: string[];
  /** MSH-10, or BHS-11 / FHS-11 for a batch. */
  controlId: string;
  /** Number of MSH segments (batch only). */
  messages: number;
}

const HEADERS = new Set(['MSH', 'FHS', 'BHS']);

function segmentsOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((s) => s.trim() !== '');
}

function fieldsOf(segment: string, sep: string): string[] {
  const parts = segment.split(sep);
  return [parts[0], sep, ...parts.slice(1)];
}

function problem(ack: 'AE' | 'AR', error: { code: string; text: string }, userMessage: string, location?: HeaderProblem['location']): HeaderProblem {
  return { ack, error, severity: 'E', userMessage, ...(location ? { location } : {}) };
}

function checkMessageHeaders(segments: string[], sep: string): HeaderProblem | undefined {
  let sequence = 0;
  for (const seg of segments) {
    if (!seg.startsWith('MSH')) continue;
    sequence += 1;
    const f = fieldsOf(seg, sep);
    if (!f[9]) return problem('AE', HL7_ERROR.requiredFieldMissing, `MSH-9 (message type) is empty in message ${sequence}`, { segment: 'MSH', sequence, field: 9 });
    if (!f[10]) return problem('AE', HL7_ERROR.requiredFieldMissing, `MSH-10 (message control id) is empty in message ${sequence}`, { segment: 'MSH', sequence, field: 10 });
  }
  return undefined;
}

/**
 * Reads the header of one MLLP payload (a message, or an FHS/BHS batch) well enough to acknowledge it, or says why
 * it must be rejected. Deliberately shallow: full parsing happens later in the mapper.
 */
export function readHl7Header(payload: Buffer): Hl7Header | HeaderProblem {
  const segments = segmentsOf(payload.toString('latin1').replace(/^[\s\x00]+/, ''));
  const first = segments[0] ?? '';
  const id = first.slice(0, 3);
  if (!HEADERS.has(id)) {
    return problem('AR', HL7_ERROR.segmentSequence, 'The message does not start with an MSH, FHS or BHS segment');
  }
  const sep = first[3];
  const enc = first.slice(4).split(sep ?? '|')[0] ?? '';
  if (!sep || /[A-Za-z0-9\s]/.test(sep) || enc.length < 2 || enc.length > 5) {
    return problem('AR', HL7_ERROR.dataType, `${id}-1/${id}-2 (field separator and encoding characters) are missing or invalid`, { segment: id, sequence: 1, field: 2 });
  }
  const header = headerOf(id, segments, sep, enc);
  const checked = checkMessageHeaders(segments, sep);
  return checked ? { ...checked, header } : header;
}

function headerOf(id: string, segments: string[], sep: string, enc: string): Hl7Header {
  const fields = fieldsOf(segments[0], sep);
  if (id === 'MSH') return { kind: 'message', fieldSeparator: sep, encodingCharacters: enc, fields, controlId: fields[10] ?? '', messages: 1 };
  const bhs = segments.find((s) => s.startsWith('BHS'));
  const batchFields = bhs ? fieldsOf(bhs, sep) : fields;
  const messages = segments.filter((s) => s.startsWith('MSH')).length;
  return { kind: 'batch', fieldSeparator: sep, encodingCharacters: enc, fields: batchFields, controlId: batchFields[11] || fields[11] || '', messages };
}

/** True for a {@link HeaderProblem}. */
export function isHeaderProblem(value: Hl7Header | HeaderProblem): value is HeaderProblem {
  return 'ack' in value;
}
