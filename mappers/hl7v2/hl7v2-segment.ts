import type { Hl7v2SegmentModel } from '../../pipelines/contracts/hl7v2-model.js';
import { Drop, SafeList } from '../../templates/runtime/values.js';
import type { Hl7Delimiters } from './delimiters.js';
import { integerKey, propertyNotFound } from './drop-key.js';
import { normalizeValue } from './escape.js';
import { FIELD_FLAGS, Hl7v2Field } from './hl7v2-field.js';

type SegmentProperty = (s: Hl7v2Segment) => unknown;

const SEGMENT_PROPERTIES: Readonly<Record<string, SegmentProperty>> = {
  value: (s) => s.readValue(),
  fields: (s) => s.Fields,
};

/** Position of a segment in its message and in the input file. */
export interface SegmentPosition {
  /** 0-based index of the segment in its message. */
  index: number;
  /** 1-based physical line in the input file. */
  line: number;
  /** 0-based character offset of the line in the input file. */
  offset: number;
}

function fieldAt(raw: string, d: Hl7Delimiters, flags: number): Hl7v2Field | undefined {
  return raw === '' ? undefined : new Hl7v2Field(raw, d, flags);
}

/** Splits a segment line on the field separator with an indexOf walk (no intermediate array of strings). */
function splitFields(line: string, d: Hl7Delimiters, isHeader: boolean): (Hl7v2Field | undefined)[] {
  const sep = d.field;
  const flags = line.indexOf('\\') < 0 && line.indexOf('"') < 0 ? FIELD_FLAGS.plain : 0;
  let cut = line.indexOf(sep);
  if (cut < 0) return [fieldAt(line, d, flags)];
  const fields: (Hl7v2Field | undefined)[] = [fieldAt(line.slice(0, cut), d, flags)];
  let start = cut + 1;
  if (isHeader) {
    cut = line.indexOf(sep, start);
    fields.push(new Hl7v2Field(sep, d), new Hl7v2Field(line.slice(start, cut < 0 ? line.length : cut), d, FIELD_FLAGS.verbatim));
    if (cut < 0) return fields;
    start = cut + 1;
  }
  for (cut = line.indexOf(sep, start); cut >= 0; cut = line.indexOf(sep, start)) {
    fields.push(cut === start ? undefined : new Hl7v2Field(line.slice(start, cut), d, flags));
    start = cut + 1;
  }
  fields.push(start === line.length ? undefined : new Hl7v2Field(line.slice(start), d, flags));
  return fields;
}

/**
 * An HL7v2 segment (msfc-compat §3.3). `Fields[0]` is the segment-id field, `Fields[n]` field n (nil when empty).
 * The first segment of a message (the MSH header) keeps HL7 numbering: `Fields[1]` is the field separator and
 * `Fields[2]` the raw MSH-2. Fields are split on first access and cached.
 */
export class Hl7v2Segment extends Drop implements Hl7v2SegmentModel {
  readonly id: string;
  private value: string | undefined;
  private fields: SafeList<Hl7v2Field | undefined> | undefined;

  /**
   * @param raw - the raw segment line without terminator
   * @param isHeader - the first segment of the message (MSH special numbering)
   */
  constructor(
    readonly raw: string,
    readonly d: Hl7Delimiters,
    readonly isHeader: boolean,
    readonly position: SegmentPosition,
  ) {
    super();
    const cut = raw.indexOf(d.field);
    this.id = normalizeValue(cut < 0 ? raw : raw.slice(0, cut), d);
  }

  get Value(): string {
    this.value ??= normalizeValue(this.raw, this.d);
    return this.value;
  }

  get Fields(): SafeList<Hl7v2Field | undefined> {
    this.fields ??= new SafeList(splitFields(this.raw, this.d, this.isHeader));
    return this.fields;
  }

  /** Reads `Value` as a template does: marks every component of every field as read (msfc-compat §3.6). */
  readValue(): string {
    for (const f of this.Fields.items) f?.markComponentsRead();
    return this.Value;
  }

  liquidGet(key: string | number): unknown {
    const index = integerKey(key);
    if (index !== undefined) return this.Fields.at(index);
    const property = typeof key === 'string' ? SEGMENT_PROPERTIES[key.toLowerCase()] : undefined;
    if (!property) throw propertyNotFound(key, 'segment');
    return property(this);
  }
}
