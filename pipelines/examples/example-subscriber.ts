import { subscribe } from '../../connectors/bus/subscribers.js';
import { busConnectionFromUrl } from '../../connectors/bus/bus-keys.js';
import type { BundleEvent } from '../../connectors/bus/bus-event.js';

/**
 * A runnable example subscriber (docs/subscribing.md): prints one line per bundle event with Patient or Encounter
 * resources from any MLLP feed. Run with `REDIS_URL=redis://127.0.0.1:6379 node dist/pipelines/examples/example-subscriber.js`.
 */
export async function main(): Promise<void> {
  const connection = busConnectionFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const handle = async (event: BundleEvent): Promise<void> => {
    const line = { key: event.key, run: event.runId, pipeline: event.pipeline, record: event.recordId, types: event.resourceTypes, errors: event.validation.errors };
    process.stdout.write(JSON.stringify(line) + '\n');
  };
  const subscription = await subscribe('example-adt-consumer', { resourceTypes: ['Patient', 'Encounter'], sources: ['mllp://'] }, handle, { connection, concurrency: 4 });
  process.once('SIGTERM', () => void subscription.close());
  process.once('SIGINT', () => void subscription.close());
}

if (process.argv[1]?.endsWith('example-subscriber.js')) await main();
