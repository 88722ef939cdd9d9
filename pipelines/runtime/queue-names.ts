import { createHash } from 'node:crypto';

/** Redis connection options BullMQ accepts, parsed from `REDIS_URL`. */
export interface RedisOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  maxRetriesPerRequest: null;
}

/** Parses `redis://[user:pass@]host[:port][/db]`. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined && !Number.isNaN(db) ? { db } : {}),
    maxRetriesPerRequest: null,
  };
}

/** BullMQ queue of a pipeline's conversion jobs. */
export function conversionQueueName(pipeline: string): string {
  return `ingest.${pipeline}.convert`;
}

/** A BullMQ-safe job id (no `:`) from a message key: enqueuing the same input twice is a no-op. */
export function jobIdFor(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Data of one conversion job: the original bytes and lineage. */
export interface ConversionJob {
  payload: string;
  origin: string;
  key: string;
  runId: string;
  controlId?: string;
}
