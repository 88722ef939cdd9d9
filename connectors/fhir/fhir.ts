import { defineConnector } from '../../pipelines/contracts/connector.js';
import type { ConnectorContext, Sink, SinkRecord } from '../../pipelines/contracts/connector.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import type { BundleEntry } from '../../pipelines/contracts/fhir.js';
import { isTransientStatus, RetryAfterError, statusError } from './http-outcome.js';
import { JsonPoster } from './http-post.js';
import type { PostFailure, PostResponse } from './http-post.js';

/** Config of the `fhir` sink. */
export interface FhirSinkConfig {
  url: string;
  mode?: 'transaction' | 'batch';
  maxEntries?: number;
  timeoutMs?: number;
  tokenEnv?: string;
}

type ResponseEntry = { response?: { status?: string } };

function requestOf(entry: BundleEntry): BundleEntry['request'] {
  if (entry.request) return entry.request;
  const r = entry.resource;
  if (!r) return undefined;
  return r.id ? { method: 'PUT', url: `${r.resourceType}/${r.id}` } : { method: 'POST', url: r.resourceType };
}

/** Splits a record's entries into request bundles: whole for transactions, `maxEntries` chunks for batches. */
export function toRequestBundles(record: SinkRecord, mode: 'transaction' | 'batch', maxEntries: number): Record<string, unknown>[] {
  const entries = ((record.bundle.entry as BundleEntry[] | undefined) ?? []).map((e) => ({ ...e, request: requestOf(e) }));
  const size = mode === 'batch' ? maxEntries : Math.max(entries.length, 1);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < entries.length; i += size) out.push({ resourceType: 'Bundle', type: mode, entry: entries.slice(i, i + size) });
  return out;
}

function checkEntries(body: unknown, path: string): void {
  const entries = ((body as { entry?: ResponseEntry[] } | undefined)?.entry ?? []) as ResponseEntry[];
  entries.forEach((e, i) => {
    const status = Number.parseInt(e.response?.status ?? '200', 10);
    if (status < 400) return;
    const at = `${path}.entry[${i}]`;
    if (isTransientStatus(status)) throw new RetryAfterError(`sink.fhir.entry-${status}`, `FHIR server answered ${status} for an entry`, undefined, { path: at });
    throw new EngineError(`sink.fhir.entry-${status}`, `FHIR server rejected an entry with ${status}`, {
      stage: 'sink',
      location: { path: at },
      suggestion: 'Inspect the entry (ingest quarantine show ID) and the server\'s OperationOutcome; fix the template, then ingest quarantine retry.',
    });
  });
}

/**
 * Creates the FHIR server sink: each record is POSTed to the base URL as a transaction (or as batches of at most
 * `maxEntries`), and each entry's outcome is read. 408/425/429/5xx (whole request or an entry) and network errors
 * are transient, carrying Retry-After for the runner's backoff; other 4xx are permanent. Requests go over
 * keep-alive connections ({@link JsonPoster}).
 */
export function createFhirSink(config: FhirSinkConfig, ctx: ConnectorContext): Sink {
  const mode = config.mode ?? 'transaction';
  const base = config.url.replace(/\/+$/, '');
  const maxEntries = config.maxEntries ?? 100;
  const poster = new JsonPoster(new URL(base), config.timeoutMs ?? 30_000);

  async function post(body: Record<string, unknown>, path: string): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json', prefer: 'return=minimal' };
    const token = config.tokenEnv ? process.env[config.tokenEnv] : undefined;
    if (token) headers.authorization = `Bearer ${token}`;
    let res: PostResponse;
    try {
      res = await poster.post(JSON.stringify(body), headers);
    } catch (err) {
      throw new RetryAfterError('sink.fhir.unreachable', `FHIR server unreachable (${(err as PostFailure).code})`, undefined, { path });
    }
    if (res.status < 200 || res.status > 299) throw statusError(res.status, res.retryAfter, path);
    checkEntries(res.text ? (JSON.parse(res.text) as unknown) : undefined, path);
  }

  return {
    connect: async () => undefined,
    async write(batch: SinkRecord[]): Promise<void> {
      for (const record of batch) {
        for (const [i, body] of toRequestBundles(record, mode, maxEntries).entries()) {
          await post(body, `bundle[${record.key}].part[${i}]`);
        }
      }
      ctx.logger.info({ connector: 'fhir', records: batch.length }, 'delivered');
    },
    close: async () => poster.close(),
  };
}

/** The `fhir` sink connector spec. */
export const fhirSink = defineConnector<FhirSinkConfig>({
  name: 'fhir',
  kind: 'sink',
  summary: 'POSTs bundles to a FHIR R4 server as transactions or batches, reading each entry\'s outcome.',
  description:
    'Each bundle becomes a transaction (all or nothing; sent whole) or batches of at most maxEntries entries. Entries ' +
    'without a request get PUT Type/id (or POST Type without an id), so retries are idempotent when ids are ' +
    'deterministic, as they are for the built-in templates and the lineage Provenance. 408, 425, 429, 5xx and network ' +
    'errors are transient and retried by the pipeline with exponential backoff, honouring Retry-After; other 4xx ' +
    'responses, for the request or any entry, are permanent and send the record to quarantine. Requests reuse ' +
    'keep-alive connections and ask for Prefer: return=minimal, since only the entry statuses are read.',
  stability: 'experimental',
  config: {
    type: 'object',
    required: ['url'],
    additionalProperties: false,
    properties: {
      url: { type: 'string', minLength: 1, description: 'FHIR base URL, e.g. `http://127.0.0.1:8103/fhir/R4`.' },
      mode: { type: 'string', enum: ['transaction', 'batch'], default: 'transaction', description: 'Bundle type sent to the server.' },
      maxEntries: { type: 'integer', minimum: 1, default: 100, description: 'Batch mode: entries per request; larger bundles are split.' },
      timeoutMs: { type: 'integer', minimum: 100, default: 30000, description: 'Per-request timeout; a timeout is transient.' },
      tokenEnv: { type: 'string', description: 'Name of an environment variable holding a bearer token (never put secrets in YAML).' },
    },
  },
  examples: [
    { title: 'Transactions to a local server', config: { url: 'http://127.0.0.1:8103/fhir/R4' } },
    { title: 'Batches of 50 with a token', config: { url: 'https://fhir.example.org/r4', mode: 'batch', maxEntries: 50, tokenEnv: 'FHIR_TOKEN' } },
  ],
  create: createFhirSink,
});
