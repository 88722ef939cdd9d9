import { createHash } from 'node:crypto';

/** Redis connection options BullMQ and ioredis accept. */
export interface BusConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  maxRetriesPerRequest: null;
}

/** Parses `redis://[user:pass@]host[:port][/db]`. */
export function busConnectionFromUrl(url: string): BusConnection {
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

/** Names of the bus's Redis keys and queues under one prefix. */
export interface BusKeys {
  prefix: string;
  /** Hash: subscriber name → JSON filter. */
  subscribers: string;
  /** Hash per run: event key → event JSON (for replay), expiring after the retention. */
  runEvents(runId: string): string;
  /** BullMQ queue name of one subscriber. */
  queue(subscriber: string): string;
}

/** The bus keys under `prefix` (default `ingest`). */
export function busKeys(prefix = 'ingest'): BusKeys {
  return {
    prefix,
    subscribers: `${prefix}:bus:subscribers`,
    runEvents: (runId) => `${prefix}:bus:run:${runId}`,
    queue: (subscriber) => `ingest.bus.${subscriber}`,
  };
}

/** A BullMQ-safe job id (no `:`): one job per event key per subscriber, so a re-sent event is not queued twice. */
export function eventJobId(key: string, replay?: string): string {
  const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return replay ? `${id}-replay-${replay}` : id;
}
