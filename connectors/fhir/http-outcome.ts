import { EngineError } from '../../pipelines/contracts/errors.js';

/** An EngineError that carries a server-requested delay (HTTP Retry-After), read by the runner's backoff. */
export class RetryAfterError extends EngineError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterMs: number | undefined,
    location: { path?: string },
  ) {
    super(code, message, { stage: 'sink', retryable: true, location, suggestion: 'Transient: the runner retries with backoff; check the server load or rate limits if it persists.' });
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Whether an HTTP status is worth retrying: 408, 425, 429 and 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** The error for a non-2xx response of the whole request. */
export function statusError(status: number, retryAfter: string | null, path: string): EngineError {
  if (isTransientStatus(status)) return new RetryAfterError(`sink.fhir.http-${status}`, `FHIR server answered ${status}`, parseRetryAfter(retryAfter), { path });
  return new EngineError(`sink.fhir.http-${status}`, `FHIR server rejected the bundle with ${status}`, {
    stage: 'sink',
    location: { path },
    suggestion: status === 401 || status === 403 ? 'Check the token (sink tokenEnv) and its scopes.' : 'Check the bundle against the server (ingest quarantine show ID); fix templates or server config, then ingest quarantine retry.',
  });
}
