import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { defineConnector } from '../../pipelines/contracts/connector.js';
import type { ConnectorContext, Sink, SinkRecord } from '../../pipelines/contracts/connector.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { matchesFilter, toBundleEvent } from './bus-event.js';
import type { BundleEvent } from './bus-event.js';
import { busConnectionFromUrl, busKeys, eventJobId } from './bus-keys.js';
import { storeBundle } from './bundle-store.js';
import { listSubscribers } from './subscribers.js';

/** How an event carries its bundle: always inside, always as a pointer to the store, or a pointer above `maxInlineBytes`. */
export type BusPayload = 'inline' | 'pointer' | 'auto';

/** Default `maxInlineBytes`: bundles above 256 KiB travel as pointers under `payload: auto` (when a store is set). */
export const DEFAULT_MAX_INLINE_BYTES = 262_144;

/** Config of the `bus` sink. */
export interface BusSinkConfig {
  redisUrl?: string;
  prefix?: string;
  retentionDays?: number;
  payload?: BusPayload;
  maxInlineBytes?: number;
  /** Folder of the content-addressed bundle store (relative to the pipeline file). */
  store?: string;
}

function noRedis(): EngineError {
  return new EngineError('config.bus.no-redis', 'The bus sink needs a Redis URL', {
    stage: 'config',
    location: { path: 'sinks[].redisUrl' },
    suggestion: 'Set redisUrl on the sink, or the REDIS_URL environment variable.',
  });
}

function noStore(): EngineError {
  return new EngineError('config.bus.no-store', 'payload: pointer needs a store folder on the bus sink', {
    stage: 'config',
    location: { path: 'sinks[].store' },
    suggestion: 'Set store: <folder> (shared with the subscribers, e.g. a network mount), or use payload: auto or inline.',
  });
}

const PERMANENT_FS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR']);

function storeFailed(err: unknown, dir: string): EngineError {
  const code = (err as { code?: string }).code ?? 'error';
  return new EngineError('sink.bus.store-failed', `Could not write a bundle to the bus store (${code})`, {
    stage: 'sink',
    retryable: !PERMANENT_FS.has(code),
    location: { file: dir },
    suggestion: 'Check that the store folder exists or can be created, is writable and has free space.',
    cause: err,
  });
}

function unreachable(err: unknown): EngineError {
  return new EngineError('sink.bus.unreachable', `Redis unreachable (${(err as { code?: string }).code ?? 'error'})`, {
    stage: 'sink',
    retryable: true,
    suggestion: 'Transient: the runner retries with backoff; check that Redis is up.',
    cause: err,
  });
}

/**
 * Creates the event-bus sink: each bundle becomes one event per matching subscriber, added to that subscriber's
 * durable BullMQ queue with a job id derived from the record key (a retried write cannot queue it twice), and is
 * kept per run for replay.
 */
export function createBusSink(config: BusSinkConfig, ctx: ConnectorContext): Sink {
  const url = config.redisUrl ?? process.env.REDIS_URL;
  const keys = busKeys(config.prefix);
  const queues = new Map<string, Queue<BundleEvent>>();
  const store = config.store ? resolve(ctx.baseDir, config.store) : undefined;
  const payload = config.payload ?? 'auto';
  const maxInline = config.maxInlineBytes ?? DEFAULT_MAX_INLINE_BYTES;
  let redis: Redis | undefined;

  const queueFor = (name: string): Queue<BundleEvent> => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue<BundleEvent>(keys.queue(name), { connection: busConnectionFromUrl(url ?? ''), prefix: keys.prefix });
      queues.set(name, q);
    }
    return q;
  };

  async function toEvent(record: SinkRecord): Promise<BundleEvent> {
    const event = toBundleEvent(record);
    if (!store || payload === 'inline') return event;
    const json = Buffer.from(JSON.stringify(record.bundle));
    if (payload === 'auto' && json.length <= maxInline) return event;
    const bundleRef = await storeBundle(store, json).catch((err: unknown) => Promise.reject(storeFailed(err, store)));
    const pointer: BundleEvent = { ...event, bundleRef };
    delete pointer.bundle;
    return pointer;
  }

  async function publish(events: BundleEvent[]): Promise<void> {
    const client = redis as Redis;
    const subscribers = await listSubscribers(client, config.prefix);
    const ttl = Math.round((config.retentionDays ?? 7) * 86400);
    for (const e of events) {
      await client.hset(keys.runEvents(e.runId), e.key, JSON.stringify(e));
      await client.expire(keys.runEvents(e.runId), ttl);
      for (const [name, filter] of subscribers) {
        if (!matchesFilter(e, filter)) continue;
        await queueFor(name).add('bundle', e, { jobId: eventJobId(e.key), attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: ttl } });
      }
    }
  }

  return {
    async connect(): Promise<void> {
      if (!url) throw noRedis();
      if (payload === 'pointer' && !store) throw noStore();
      redis ??= new Redis({ ...busConnectionFromUrl(url), lazyConnect: true });
      if (redis.status === 'wait') await redis.connect().catch((err: unknown) => Promise.reject(unreachable(err)));
    },
    async write(batch: SinkRecord[]): Promise<void> {
      if (batch.length === 0) return;
      await this.connect();
      const events: BundleEvent[] = [];
      for (const record of batch) events.push(await toEvent(record));
      try {
        await publish(events);
      } catch (err) {
        throw unreachable(err);
      }
      ctx.logger.info({ connector: 'bus', records: batch.length, pointers: events.filter((e) => e.bundleRef).length }, 'published');
    },
    async close(): Promise<void> {
      for (const q of queues.values()) await q.close();
      queues.clear();
      redis?.disconnect();
      redis = undefined;
    },
  };
}

/** The `bus` sink connector spec. */
export const busSink = defineConnector<BusSinkConfig>({
  name: 'bus',
  kind: 'sink',
  summary: 'Publishes each validated bundle to every matching subscriber\'s durable BullMQ queue (Redis), once.',
  description:
    'Subscribers register a name and a filter (resource types, source prefixes, pipelines, security labels); see ' +
    'docs/subscribing.md. Each bundle becomes an event carrying the bundle, run id, pipeline, origin, record id and ' +
    'a validation summary, added to each matching subscriber\'s own queue with a job id derived from the record\'s ' +
    'stable key, so retries and redeliveries never queue it twice. Events are also kept per run for retentionDays so a ' +
    'subscriber can replay a run. Large bundles can travel as pointers: the bundle is written once, atomically, to a ' +
    'content-addressed store folder (`<store>/<sha256[0..2]>/<sha256>.json`) and the event carries ' +
    '`bundleRef: { uri, sha256, bytes }` instead of `bundle`; subscribers call `loadBundle(event)`, which verifies the ' +
    'hash. Store files are not deleted by the engine; prune them after retentionDays.',
  stability: 'experimental',
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      redisUrl: { type: 'string', description: 'Redis URL; default: the REDIS_URL environment variable.' },
      prefix: { type: 'string', default: 'ingest', description: 'Key prefix of the bus (subscriber registry, run events, queues).' },
      retentionDays: { type: 'number', minimum: 0, default: 7, description: 'How long events are kept for replay and completed jobs for dedupe.' },
      payload: {
        type: 'string',
        enum: ['inline', 'pointer', 'auto'],
        default: 'auto',
        description: 'inline: the event carries the bundle; pointer: always a bundleRef to the store (needs store); auto: a bundleRef above maxInlineBytes when store is set, else inline.',
      },
      maxInlineBytes: { type: 'integer', minimum: 0, default: DEFAULT_MAX_INLINE_BYTES, description: 'Size of the bundle JSON (UTF-8 bytes) above which payload: auto sends a pointer.' },
      store: { type: 'string', description: 'Folder of the content-addressed bundle store for pointer events, relative to the pipeline file; subscribers must be able to read it (shared mount).' },
    },
  },
  examples: [
    { title: 'Publish to the bus on REDIS_URL', config: {} },
    { title: 'A separate bus on another Redis', config: { redisUrl: 'redis://bus.internal:6379/2', prefix: 'ward-feeds', retentionDays: 30 } },
    { title: 'Bundles above 1 MB as pointers into a shared folder', config: { store: '/mnt/bus-bundles', maxInlineBytes: 1_000_000 } },
  ],
  create: createBusSink,
});
