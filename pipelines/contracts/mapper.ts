/** Where a record came from: a file (and record index inside it) or a stream message. */
export interface SourceRef {
  /** File path or logical source name (`mllp://host:port`, `-` for stdin). */
  name: string;
  /** 0-based index of the record inside the source (HL7 batch message, CSV row group, X12 transaction set). */
  record?: number;
}

/** One unit the engine converts into one bundle, e.g. one HL7 message out of a batch file. */
export interface ParsedRecord<Model = unknown> {
  source: SourceRef;
  /** The data model handed to templates under {@link MapperSpec.dataKey}. */
  model: Model;
  /** Root template inferred from the content (`ADT_A01`, `CCD`), or undefined when none can be derived. */
  rootTemplate: string | undefined;
  /** Stable id of the record (MSH-10 control id, document id) for logs and lineage. Never PHI. */
  recordId: string | undefined;
}

/** A field that held data but was never read by any template (the lossiness report). */
export interface UnusedField {
  /** e.g. `PID-11.3`, `/ClinicalDocument/component/...`, `CLM05-1`. */
  position: string;
  segment: string;
  /** 0-based index of the segment (or element) in the record. */
  segmentIndex: number;
  /** Character length of the value; the value itself is PHI and is not reported in logs. */
  length: number;
}

/**
 * A mapper turns raw input of one format into records whose model templates read.
 * `parse` is called once per input; it must throw an EngineError (stage `parse`) for bad input, never crash or hang.
 * `unusedFields` is called after rendering a record and reports what templates did not read.
 */
export interface MapperSpec<Model = unknown> {
  name: string;
  summary: string;
  description: string;
  /** File extensions (lower case, with dot) that suggest this format. */
  extensions: string[];
  /** Name of the top-level template variable holding the model (`hl7v2Data`, `msg`). */
  dataKey: string;
  /** Cheap content sniffing: true when `text` looks like this format. */
  detect(text: string): boolean;
  parse(text: string, source: SourceRef): ParsedRecord<Model>[];
  unusedFields?(model: Model): UnusedField[];
}

/** Declares a mapper; the spec drives the registry, `ingest list` and generated docs. */
export function defineMapper<Model>(spec: MapperSpec<Model>): MapperSpec<Model> {
  return spec;
}
