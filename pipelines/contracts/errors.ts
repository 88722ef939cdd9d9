/** Pipeline stage where an error was raised. */
export type Stage =
  | 'config'
  | 'connect'
  | 'parse'
  | 'map'
  | 'render'
  | 'postprocess'
  | 'validate'
  | 'sink'
  | 'cli';

/**
 * Where in the input (or template) the problem sits. Every field is optional; fill all that are known.
 * Positions are 1-based for humans (line, col, field) unless the name says otherwise.
 */
export interface ErrorLocation {
  /** Input file path, or the template file for template and render errors. */
  file?: string;
  /** Input file the record came from, when `file` names a template. */
  input?: string;
  line?: number;
  col?: number;
  /** XPath-like, FHIRPath, X12 loop/segment or JSON path, depending on the format. */
  path?: string;
  /** HL7v2/X12 segment id, e.g. `PID`. */
  segment?: string;
  /** 0-based index of the segment within the message. */
  segmentIndex?: number;
  /** HL7 field number (HL7 numbering: MSH-9 is 9). */
  field?: number;
  /** Record (message, row) index in a batch, 0-based. */
  record?: number;
}

/** Options accepted by {@link EngineError}. */
export interface EngineErrorOptions {
  stage: Stage;
  retryable?: boolean;
  location?: ErrorLocation;
  /** One actionable sentence: how to fix it. */
  suggestion?: string;
  /** Documentation reference (path under docs/ or a spec citation). */
  ref?: string;
  cause?: unknown;
}

/**
 * The one error type of the engine. `code` is stable and namespaced (`parse.hl7.missing-msh`); callers branch on
 * `code`, never on `instanceof`, because errors cross worker and process boundaries as plain JSON.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: string;
  readonly stage: Stage;
  readonly retryable: boolean;
  readonly location: ErrorLocation | undefined;
  readonly suggestion: string | undefined;
  readonly ref: string | undefined;

  constructor(code: string, message: string, options: EngineErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.stage = options.stage;
    this.retryable = options.retryable ?? false;
    this.location = options.location;
    this.suggestion = options.suggestion;
    this.ref = options.ref;
  }

  /** Plain-JSON form, safe to log (no input contents) and to send across process boundaries. */
  toJSON(): SerializedEngineError {
    return {
      name: this.name,
      code: this.code,
      stage: this.stage,
      message: this.message,
      retryable: this.retryable,
      ...(this.location ? { location: this.location } : {}),
      ...(this.suggestion ? { suggestion: this.suggestion } : {}),
      ...(this.ref ? { ref: this.ref } : {}),
    };
  }
}

/** JSON shape of an {@link EngineError}. */
export interface SerializedEngineError {
  name: 'EngineError';
  code: string;
  stage: Stage;
  message: string;
  retryable: boolean;
  location?: ErrorLocation;
  suggestion?: string;
  ref?: string;
}

/** True for an EngineError or its serialized form (duck-typed on purpose). */
export function isEngineError(value: unknown): value is EngineError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'EngineError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** Renders a location as `file:line:col (segment PID[3] field 5)` for messages. */
export function formatLocation(location: ErrorLocation | undefined): string {
  if (!location) return '';
  const parts: string[] = [];
  if (location.file) {
    parts.push(
      location.file + (location.line ? `:${location.line}` + (location.col ? `:${location.col}` : '') : ''),
    );
  } else if (location.line) {
    parts.push(`line ${location.line}` + (location.col ? `, col ${location.col}` : ''));
  }
  if (location.input) parts.push(`input ${location.input}`);
  if (location.record !== undefined) parts.push(`record ${location.record + 1}`);
  if (location.segment) {
    const idx = location.segmentIndex !== undefined ? ` (segment #${location.segmentIndex + 1})` : '';
    parts.push(`${location.segment}${location.field !== undefined ? `-${location.field}` : ''}${idx}`);
  }
  if (location.path) parts.push(location.path);
  return parts.join(' ');
}
