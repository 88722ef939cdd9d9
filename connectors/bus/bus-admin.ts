import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { EngineError } from '../../pipelines/contracts/errors.js';
import type { BundleEvent, SubscriberFilter } from './bus-event.js';
import { busKeys } from './bus-keys.js';
import { listSubscribers, unregisterSubscriber } from './subscribers.js';
import type { BusOptions } from './subscribers.js';

/** Job counts of a subscriber's queue. */
export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

/** A registered subscriber with its filter and queue counts. */
export interface SubscriberStatus {
  name: string;
  filter: SubscriberFilter;
  counts: QueueCounts;
}

/** The metadata of an event, never its bundle: safe to print. */
export interface EventSummary {
  key: string;
  runId: string;
  pipeline: string;
  recordId?: string;
  resourceTypes: string[];
  validation: { errors: number; warnings: number };
  payload: 'inline' | 'pointer';
}

/** Opens the BullMQ queue of one subscriber; the caller closes it. */
export function subscriberQueue(name: string, options: BusOptions): Queue<BundleEvent> {
  const keys = busKeys(options.prefix);
  return new Queue<BundleEvent>(keys.queue(name), { connection: options.connection, prefix: keys.prefix });
}

/** Fails fast (`connect.bus.unreachable`, retryable) when Redis does not answer, instead of retrying forever. */
export async function pingBus(options: BusOptions): Promise<void> {
  const client = new Redis({ ...options.connection, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new EngineError('connect.bus.unreachable', `Redis at ${options.connection.host}:${options.connection.port} unreachable (${(err as { code?: string }).code ?? 'error'})`, {
      stage: 'connect',
      retryable: true,
      suggestion: 'Check REDIS_URL and that Redis is up.',
      cause: err,
    });
  } finally {
    client.disconnect();
  }
}

function unknownSubscriber(name: string): EngineError {
  return new EngineError('cli.bus.unknown-subscriber', `No subscriber named ${name}`, { stage: 'cli', suggestion: 'Run `ingest bus subscribers` for the names, or register it with `ingest bus subscribe NAME`.' });
}

async function withRedis<T>(options: BusOptions, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(options.connection);
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/** Every registered subscriber, sorted by name, with its filter and queue counts. */
export async function subscriberStatuses(options: BusOptions): Promise<SubscriberStatus[]> {
  const subscribers = await withRedis(options, (redis) => listSubscribers(redis, options.prefix));
  const out: SubscriberStatus[] = [];
  for (const [name, filter] of [...subscribers].sort(([a], [b]) => a.localeCompare(b))) {
    const queue = subscriberQueue(name, options);
    try {
      const c = await queue.getJobCounts('waiting', 'active', 'completed', 'failed');
      out.push({ name, filter, counts: { waiting: c.waiting ?? 0, active: c.active ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 } });
    } finally {
      await queue.close();
    }
  }
  return out;
}

/** The metadata of one event. */
export function summarizeEvent(e: BundleEvent): EventSummary {
  return {
    key: e.key,
    runId: e.runId,
    pipeline: e.pipeline,
    ...(e.recordId ? { recordId: e.recordId } : {}),
    resourceTypes: e.resourceTypes,
    validation: e.validation,
    payload: e.bundleRef ? 'pointer' : 'inline',
  };
}

/** The next `limit` waiting events of a registered subscriber, oldest first, as metadata only. */
export async function peekEvents(name: string, limit: number, options: BusOptions): Promise<EventSummary[]> {
  const registered = await withRedis(options, (redis) => listSubscribers(redis, options.prefix));
  if (!registered.has(name)) throw unknownSubscriber(name);
  const queue = subscriberQueue(name, options);
  try {
    const jobs = await queue.getJobs(['waiting'], 0, Math.max(0, limit - 1), true);
    return jobs.map((j) => summarizeEvent(j.data));
  } finally {
    await queue.close();
  }
}

/** Unregisters a subscriber; with `dropQueue`, also deletes its queue and every pending event in it. */
export async function removeSubscriber(name: string, options: BusOptions & { dropQueue?: boolean }): Promise<void> {
  if (!(await unregisterSubscriber(name, options))) throw unknownSubscriber(name);
  if (!options.dropQueue) return;
  const queue = subscriberQueue(name, options);
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
