import { isEngineError } from '../contracts/errors.js';
import type { RetryConfig } from '../schema/pipeline-config.js';

/** Delay before attempt `attempt + 1` (attempt is 1-based): initial × multiplier^(attempt-1), capped. */
export function backoffDelay(attempt: number, retry: RetryConfig): number {
  return Math.min(retry.maxDelayMs, retry.initialDelayMs * retry.multiplier ** (attempt - 1));
}

/** Transient failures are EngineErrors with `retryable`; everything else is permanent (issue #6). */
export function isTransient(err: unknown): boolean {
  return isEngineError(err) && err.retryable;
}

/** Outcome of {@link withRetry}: the attempts made and the last error when all failed. */
export interface RetryOutcome {
  attempts: number;
  error?: unknown;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` until it succeeds, fails permanently, or `maxAttempts` is reached, sleeping with exponential backoff
 * between transient failures. A server-requested delay (`retryAfterMs` on the error) wins when longer.
 */
export async function withRetry(fn: () => Promise<void>, retry: RetryConfig, onRetry?: (attempt: number, err: unknown) => void): Promise<RetryOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return { attempts: attempt };
    } catch (err) {
      if (!isTransient(err) || attempt >= retry.maxAttempts) return { attempts: attempt, error: err };
      onRetry?.(attempt, err);
      const asked = (err as { retryAfterMs?: unknown }).retryAfterMs;
      await sleep(Math.max(backoffDelay(attempt, retry), typeof asked === 'number' ? asked : 0));
    }
  }
}
