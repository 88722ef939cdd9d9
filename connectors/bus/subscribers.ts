import { Redis } from 'ioredis';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { EngineError, isEngineError } from '../../pipelines/contracts/errors.js';
import { matchesFilter } from './bus-event.js';
import type { BundleEvent, SubscriberFilter } from './bus-event.js';
import { busKeys, eventJobId } from './bus-keys.js';
import type { BusConnection } from './bus-keys.js';

/** Where the bus lives: Redis connection and key prefix (default `ingest`; also the BullMQ prefix of the queues). */
export interface BusOptions {
  connection: BusConnection;
  prefix?: string;
}

export { loadBundle } from './load-bundle.js';

/** Allowed subscriber names: they become BullMQ queue names, which cannot hold `:`. */
export const SUBSCRIBER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Registers (or replaces) a subscriber: from now on it gets every matching bundle once, in its own durable queue. */
export async function registerSubscriber(name: string, filter: SubscriberFilter, options: BusOptions): Promise<void> {
  if (!SUBSCRIBER_NAME.test(name)) {
    throw new EngineError('config.bus.bad-subscriber-name', `Subscriber name ${JSON.stringify(name)} is not allowed`, {
      stage: 'config',
      suggestion: 'Use letters, digits, `.`, `_` and `-` (up to 100, starting with a letter or digit), e.g. `adt-consumer`.',
    });
  }
  const redis = new Redis(options.connection);
  try {
    await redis.hset(busKeys(options.prefix).subscribers, name, JSON.stringify(filter));
  } finally {
    redis.disconnect();
  }
}

/**
 * Removes a subscriber registration (its queue and pending events are kept until drained or obliterated); false
 * when no subscriber had that name.
 */
export async function unregisterSubscriber(name: string, options: BusOptions): Promise<boolean> {
  const redis = new Redis(options.connection);
  try {
    return (await redis.hdel(busKeys(options.prefix).subscribers, name)) > 0;
  } finally {
    redis.disconnect();
  }
}

/** Registered subscribers and their filters. */
export async function listSubscribers(redis: Redis, prefix?: string): Promise<Map<string, SubscriberFilter>> {
  const all = await redis.hgetall(busKeys(prefix).subscribers);
  return new Map(Object.entries(all).map(([name, json]) => [name, JSON.parse(json) as SubscriberFilter]));
}

/** A running subscription; `close()` finishes the event in hand and stops. */
export interface Subscription {
  close(): Promise<void>;
}

async function consume(handler: (event: BundleEvent) => Promise<void>, event: BundleEvent): Promise<void> {
  try {
    await handler(event);
  } catch (err) {
    if (isEngineError(err) && !err.retryable) throw new UnrecoverableError(`${err.code}: ${err.message}`);
    throw err;
  }
}

/**
 * Registers `name` with `filter` and processes its queue with `handler`. A handler that throws gets the event
 * again (BullMQ retries with backoff), except for a non-retryable `EngineError` (e.g. `loadBundle` finding no
 * stored bundle), which fails the job at once; one that returns has consumed it.
 */
export async function subscribe(name: string, filter: SubscriberFilter, handler: (event: BundleEvent) => Promise<void>, options: BusOptions & { concurrency?: number }): Promise<Subscription> {
  await registerSubscriber(name, filter, options);
  const worker = new Worker<BundleEvent>(busKeys(options.prefix).queue(name), async (job: Job<BundleEvent>) => consume(handler, job.data), {
    connection: options.connection,
    prefix: busKeys(options.prefix).prefix,
    concurrency: options.concurrency ?? 1,
  });
  await worker.waitUntilReady();
  return { close: () => worker.close() };
}

/**
 * Re-queues the events of a run that match a subscriber's filter (e.g. after it fixed a bug). Events are kept per run for the
 * bus sink's retention; replayed jobs get a fresh id so they are delivered again even though the originals were.
 */
export async function replayRun(runId: string, subscriber: string, options: BusOptions): Promise<number> {
  const keys = busKeys(options.prefix);
  const redis = new Redis(options.connection);
  const queue = new Queue<BundleEvent>(keys.queue(subscriber), { connection: options.connection, prefix: keys.prefix });
  try {
    const filter = (await listSubscribers(redis, options.prefix)).get(subscriber);
    if (!filter) {
      throw new EngineError('cli.bus.unknown-subscriber', `No subscriber named ${subscriber}`, { stage: 'cli', suggestion: 'Register it first (subscribe or registerSubscriber), then replay.' });
    }
    const events = Object.values(await redis.hgetall(keys.runEvents(runId)))
      .map((j) => JSON.parse(j) as BundleEvent)
      .filter((e) => matchesFilter(e, filter))
      .sort((a, b) => a.key.localeCompare(b.key));
    const stamp = Date.now().toString(36);
    await queue.addBulk(events.map((e) => ({ name: 'bundle', data: e, opts: { jobId: eventJobId(e.key, stamp), attempts: 10, backoff: { type: 'exponential', delay: 1000 } } })));
    return events.length;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
