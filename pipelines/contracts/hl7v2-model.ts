/**
 * What templates and filters may rely on in the HL7v2 data model (msfc-compat §3.3). Types only: the implementation
 * lives in `mappers/hl7v2/`, and filters depend on this contract, never on the mapper.
 *
 * All model objects answer Liquid lookups through `liquidGet(key)`; these interfaces add the few members the
 * segment filters (msfc-compat §3.5) need beyond that.
 */

/** A segment drop (`PID`, `OBX`, ...). Identity matters: filters locate segments by object identity. */
export interface Hl7v2SegmentModel {
  /** Normalised first field of the segment (the entry of `Meta` for this segment). */
  readonly id: string;
  /** Liquid lookup (`Value`, `Fields`, integer-like field numbers); unknown names throw `render.property-not-found`. */
  liquidGet(key: string | number): unknown;
}

/** The `hl7v2Data` drop, or a chunk made by `split_data_by_segments`. */
export interface Hl7v2DataModel {
  /** Brand used by filters to recognise the model without importing the mapper. */
  readonly kind: 'hl7v2-data';
  /** Raw message text; `undefined` on chunks. */
  readonly Value: string | undefined;
  /** Segment ids, parallel to {@link Hl7v2DataModel.Data}. An ordinary list (out-of-range index is an error). */
  readonly Meta: string[];
  /** Segments in message order. An ordinary list. */
  readonly Data: Hl7v2SegmentModel[];
  /** Builds a chunk holding `segments` (same objects, same access tracking) with `Value` undefined. */
  createChunk(segments: Hl7v2SegmentModel[]): Hl7v2DataModel;
  /** Liquid lookup: `Value`, `Meta`, `Data` case-insensitively; any other name is nil. */
  liquidGet(key: string | number): unknown;
}

/** One unread component in the Microsoft-compatible trace (msfc-compat §3.6). Contains message content (PHI). */
export interface Hl7v2TraceComponent {
  Start: number;
  End: number;
  Value: string;
}

/** One segment with unread components (msfc-compat §3.6): `Line` is the 0-based segment index. */
export interface Hl7v2TraceSegment {
  Type: string;
  Line: number;
  Components: Hl7v2TraceComponent[];
}
