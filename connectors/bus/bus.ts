import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { defineConnector } from '../../pipelines/contracts/connector.js';
import type { ConnectorContext, Sink, SinkRecord } from '../../pipelines/contracts/connector.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { matchesFilter, toBundleEvent } from './bus-event.js';
import type { BundleEvent } from './bus-event.js';
import { busConnectionFromUrl, busKeys, eventJobId } from './bus-keys.js';
import { listSubscribers } from './subscribers.js';

/** Config of the `bus` sink. */
export interface BusSinkConfig {
  redisUrl?: string;
  prefix?: string;
  retentionDays?: number;
}

function noRedis(): EngineError {
  return new EngineError('config.bus.no-redis', 'The bus sink needs a Redis URL', {
    stage: 'config',
    location: { path: 'sinks[].redisUrl' },
    suggestion: 'Set redisUrl on the sink, or the REDIS_URL environment variable.',
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
  let redis: Redis | undefined;

  const queueFor = (name: string): Queue<BundleEvent> => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue<BundleEvent>(keys.queue(name), { connection: busConnectionFromUrl(url ?? ''), prefix: config.prefix });
      queues.set(name, q);
    }
    return q;
  };

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
      redis ??= new Redis({ ...busConnectionFromUrl(url), lazyConnect: true });
      if (redis.status === 'wait') await redis.connect().catch((err: unknown) => Promise.reject(unreachable(err)));
    },
    async write(batch: SinkRecord[]): Promise<void> {
      if (batch.length === 0) return;
      await this.connect();
      try {
        await publish(batch.map(toBundleEvent));
      } catch (err) {
        throw unreachable(err);
      }
      ctx.logger.info({ connector: 'bus', records: batch.length }, 'published');
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
    'subscriber can replay a run.',
  stability: 'experimental',
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      redisUrl: { type: 'string', description: 'Redis URL; default: the REDIS_URL environment variable.' },
      prefix: { type: 'string', default: 'ingest', description: 'Key prefix of the bus (subscriber registry, run events, queues).' },
      retentionDays: { type: 'number', minimum: 0, default: 7, description: 'How long events are kept for replay and completed jobs for dedupe.' },
    },
  },
  examples: [
    { title: 'Publish to the bus on REDIS_URL', config: {} },
    { title: 'A separate bus on another Redis', config: { redisUrl: 'redis://bus.internal:6379/2', prefix: 'ward-feeds', retentionDays: 30 } },
  ],
  create: createBusSink,
});
