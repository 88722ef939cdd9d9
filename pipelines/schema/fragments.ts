import type { JsonSchema } from '../contracts/connector.js';

/** Validation policies (issue #6): strict quarantines invalid bundles, lenient delivers them with issues attached. */
export const VALIDATION_POLICIES = ['strict', 'lenient', 'off'] as const;

/** `mapper:` — how inputs become bundles. `format` values come from the mapper registry. */
export function mapperFragment(formats: string[]): JsonSchema {
  return {
    type: 'object',
    default: {},
    description: 'How inputs are parsed and which templates render them.',
    additionalProperties: false,
    properties: {
      format: { type: 'string', enum: ['auto', ...formats], default: 'auto', description: 'Input format; `auto` detects it per input from content, then file extension.' },
      templates: { type: 'array', items: { type: 'string' }, default: [], description: 'Template collection folders layered over the built-in one (first wins); relative to the pipeline file.' },
      builtIn: { type: 'boolean', default: true, description: 'Fall back to the built-in collection; false runs a foreign collection alone.' },
      rootTemplate: { type: 'string', description: 'Forces one root template for every record.' },
      rootTemplates: {
        type: 'object',
        additionalProperties: { type: 'string' },
        default: {},
        description: 'Root template rules: the template derived from the content (e.g. `ADT_A04`) → the template to use (e.g. `ADT_A01`).',
      },
      timeZone: { type: 'string', default: 'UTC', description: 'IANA zone date filters treat as local time.' },
    },
  };
}

/** `validation:` — what happens to bundles with error-level issues. */
export const VALIDATION_FRAGMENT: JsonSchema = {
  type: 'object',
  default: {},
  description: 'FHIR R4 validation of every bundle.',
  additionalProperties: false,
  properties: {
    policy: { type: 'string', enum: [...VALIDATION_POLICIES], default: 'strict', description: 'strict: invalid → quarantine; lenient: deliver with issues attached; off: do not validate.' },
  },
};

/** `retry:` — exponential backoff of transient failures (network, 5xx, 429, busy files). */
export const RETRY_FRAGMENT: JsonSchema = {
  type: 'object',
  default: {},
  description: 'Retries of transient failures with exponential backoff; permanent failures go straight to quarantine.',
  additionalProperties: false,
  properties: {
    maxAttempts: { type: 'integer', minimum: 1, maximum: 100, default: 5, description: 'Attempts per message, the first one included.' },
    initialDelayMs: { type: 'integer', minimum: 0, default: 200, description: 'Delay before the second attempt.' },
    maxDelayMs: { type: 'integer', minimum: 0, default: 30000, description: 'Upper bound of one delay.' },
    multiplier: { type: 'number', minimum: 1, default: 2, description: 'Growth factor of the delay per attempt.' },
  },
};

/** Top-level keys other than source, mapper, validation, retry and sinks. */
export const TOP_LEVEL_PROPERTIES: Record<string, JsonSchema> = {
  name: { type: 'string', minLength: 1, description: 'Pipeline name: used in run history, quarantine, lineage and logs. Letters, digits, `-`, `_`, `.`.' },
  description: { type: 'string', description: 'Free text shown by `ingest pipelines check`.' },
  concurrency: { type: 'integer', minimum: 1, maximum: 256, default: 1, description: 'Messages processed at the same time.' },
  stateDir: { type: 'string', default: '.ingest', description: 'Local state (checkpoints, quarantine, run history, journals); relative to the working directory.' },
};
