import type { VALIDATION_POLICIES } from './fragments.js';

/** A connector block of a pipeline file: its `type` and the rest of its keys (defaults applied). */
export interface ConnectorBlock {
  type: string;
  config: Record<string, unknown>;
}

/** `mapper:` after defaults. */
export interface MapperConfig {
  format: string;
  templates: string[];
  builtIn: boolean;
  rootTemplate?: string;
  rootTemplates: Record<string, string>;
  timeZone: string;
}

/** `retry:` after defaults. */
export interface RetryConfig {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
}

/** strict: invalid → quarantine; lenient: deliver with issues attached; off: no validation. */
export type ValidationPolicy = (typeof VALIDATION_POLICIES)[number];

/** A checked pipeline file with every default filled in. */
export interface PipelineConfig {
  name: string;
  description?: string;
  concurrency: number;
  stateDir: string;
  source: ConnectorBlock;
  mapper: MapperConfig;
  validation: { policy: ValidationPolicy };
  retry: RetryConfig;
  sinks: ConnectorBlock[];
  /** Folder of the pipeline file; connector paths resolve against it. */
  baseDir: string;
  /** Path of the pipeline file, when loaded from one. */
  file?: string;
}
