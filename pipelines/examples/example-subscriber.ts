import { pathToFileURL } from 'node:url';
import { loadBundle, subscribe } from '../../connectors/bus/subscribers.js';
import { busConnectionFromUrl } from '../../connectors/bus/bus-keys.js';
import type { BundleEvent } from '../../connectors/bus/bus-event.js';

/**
 * A runnable example subscriber (docs/subscribing.md): prints one line per bundle event with Patient or Encounter
 * resources from any MLLP feed, loading pointer events from the bus sink's store. Run with
 * `REDIS_URL=redis://127.0.0.1:6379 node dist/pipelines/examples/example-subscriber.js` (INGEST_BUS_PREFIX: the
 * sink's `prefix`, default `ingest`).
 */
export async function main(): Promise<void> {
  const connection = busConnectionFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const handle = async (event: BundleEvent): Promise<void> => {
    const bundle = await loadBundle(event);
    const entries = (bundle.entry as unknown[] | undefined)?.length ?? 0;
    const line = { key: event.key, run: event.runId, pipeline: event.pipeline, record: event.recordId, types: event.resourceTypes, entries, errors: event.validation.errors };
    process.stdout.write(JSON.stringify(line) + '\n');
  };
  const filter = { resourceTypes: ['Patient', 'Encounter'], sources: ['mllp://'] };
  const subscription = await subscribe('example-adt-consumer', filter, handle, { connection, prefix: process.env.INGEST_BUS_PREFIX, concurrency: 4 });
  process.stderr.write('subscribed as example-adt-consumer; SIGTERM or Ctrl-C stops\n');
  process.once('SIGTERM', () => void subscription.close());
  process.once('SIGINT', () => void subscription.close());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
