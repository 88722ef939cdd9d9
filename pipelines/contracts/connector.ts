import type { EngineError } from './errors.js';
import type { Issue } from './issue.js';

/** A JSON Schema (draft 2020-12 subset) describing a connector's config or a pipeline fragment. */
export type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  [key: string]: unknown;
};

/** One unit read from a source: the original bytes plus where they came from. Never logged. */
export interface SourceMessage {
  /** Unique within the source (journal sequence, file path). Safe to log. */
  id: string;
  /** The original bytes, untouched. */
  payload: Buffer;
  /** Where it came from: file path or `mllp://host:port`. Safe to log. */
  origin: string;
  /** MSH-10 / batch control id when the source knows it. Safe to log. */
  controlId?: string;
  /** Content-derived key; the runner skips messages whose key it has already completed (checkpoints). */
  dedupeKey?: string;
  /** ISO time the source received or found the message. */
  receivedAt: string;
}

/** A message handed out by {@link Source.read}, owned by the caller until it calls `ack`. */
export interface Delivery {
  message: SourceMessage;
  /**
   * Settles the message. Without an error: done, the source may forget it (delete, move, archive, compact).
   * With an error (nack): the source must hand the same message out again from a later `read`, also after a
   * restart. Called exactly once per delivery; later calls are ignored.
   */
  ack(error?: EngineError | Error): Promise<void>;
}

/**
 * Where messages come from. Lifecycle: `connect` once before the first `read` (calling it again is a no-op);
 * `read` is called repeatedly, by several concurrent callers when the pipeline's concurrency is above 1;
 * `close` ends the source (idempotent), after which pending and later `read`s resolve `undefined`.
 */
export interface Source {
  connect(): Promise<void>;
  /**
   * Resolves the next message, waiting for one if needed. Resolves `undefined` at end of input (finite sources
   * such as a file list without watch) or once the source is closed. Unacked messages are redelivered after a
   * restart; nacked ones are redelivered by a later `read`.
   */
  read(): Promise<Delivery | undefined>;
  close(): Promise<void>;
}

/** One validated bundle on its way to the sinks, with its lineage. */
export interface SinkRecord {
  /**
   * Stable delivery id of this record (a UUID derived from the source message and record index; also the id of
   * the bundle's Provenance). The same record redelivered after a crash has the same key, so sinks can be idempotent.
   */
  key: string;
  bundle: Record<string, unknown>;
  runId: string;
  pipeline: string;
  /** Source origin (file path or listener address). */
  origin: string;
  /** MSH-10 or document id. */
  recordId?: string;
  /** Validation issues, attached under the lenient policy. */
  issues?: Issue[];
}

/**
 * Where bundles go. Lifecycle: `connect` once before the first `write` (again: no-op); `write` may be called
 * concurrently and must either store the whole batch or throw (an `EngineError` with `retryable` set for transient
 * failures: the runner retries the same batch with backoff, so writes should be idempotent where the target
 * allows); `close` flushes and releases (idempotent).
 */
export interface Sink {
  connect(): Promise<void>;
  write(batch: SinkRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** Minimal structured logger (pino-compatible). Log ids, positions and counts only; never message contents. */
export interface ConnectorLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

/** What a connector gets from the runtime when it is created. */
export interface ConnectorContext {
  /** Pipeline name. */
  pipeline: string;
  /** Folder for the connector's durable state (journals, offsets); the connector creates it when needed. */
  stateDir: string;
  /** Folder relative config paths resolve against (the pipeline file's folder). */
  baseDir: string;
  logger: ConnectorLogger;
}

/** Maturity of a connector; printed by `ingest pipelines list` and in the docs. */
export type Stability = 'experimental' | 'beta' | 'stable';

/** A documented example config of a connector (the `type` key is added by the docs). */
export interface ConnectorExample {
  title: string;
  config: Record<string, unknown>;
}

interface ConnectorSpecBase<Config> {
  /** Registry key and the `type` value in pipeline YAML. */
  name: string;
  summary: string;
  description: string;
  /** JSON Schema of the config object (without `type`); drives YAML checks, docs and the pipeline schema. */
  config: JsonSchema;
  examples: ConnectorExample[];
  stability: Stability;
  /** Creates an unconnected instance from a config that already passed the `config` schema. */
  create(config: Config, ctx: ConnectorContext): unknown;
}

/** Spec of a source connector. */
export interface SourceSpec<Config = unknown> extends ConnectorSpecBase<Config> {
  kind: 'source';
  create(config: Config, ctx: ConnectorContext): Source;
}

/** Spec of a sink connector. */
export interface SinkSpec<Config = unknown> extends ConnectorSpecBase<Config> {
  kind: 'sink';
  create(config: Config, ctx: ConnectorContext): Sink;
}

/** Any connector spec. */
export type ConnectorSpec<Config = unknown> = SourceSpec<Config> | SinkSpec<Config>;

/** Declares a connector; the spec drives the registry, `ingest pipelines list`, the pipeline schema and the docs. */
export function defineConnector<Config>(spec: SourceSpec<Config>): SourceSpec<Config>;
export function defineConnector<Config>(spec: SinkSpec<Config>): SinkSpec<Config>;
export function defineConnector<Config>(spec: ConnectorSpec<Config>): ConnectorSpec<Config> {
  return spec;
}
