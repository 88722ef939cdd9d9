import type { Command } from 'commander';
import { peekEvents, pingBus, removeSubscriber, subscriberStatuses } from '../../connectors/bus/bus-admin.js';
import type { EventSummary, SubscriberStatus } from '../../connectors/bus/bus-admin.js';
import type { SubscriberFilter } from '../../connectors/bus/bus-event.js';
import { busConnectionFromUrl } from '../../connectors/bus/bus-keys.js';
import { registerSubscriber, replayRun } from '../../connectors/bus/subscribers.js';
import type { BusOptions } from '../../connectors/bus/subscribers.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { EXIT, handle } from '../handle.js';

/** Options every `ingest bus` subcommand takes. */
interface BusFlags {
  prefix?: string;
  json?: boolean;
}

type FilterFlags = BusFlags & { resourceTypes?: string[]; sources?: string[]; pipelines?: string[]; securityLabels?: string[] };

function busOptionsFromEnv(flags: BusFlags): BusOptions {
  const url = process.env.REDIS_URL;
  if (!url) {
    throw new EngineError('cli.bus.no-redis', 'ingest bus needs REDIS_URL', { stage: 'cli', suggestion: 'Set REDIS_URL=redis://host:6379 (the Redis of the pipelines\' bus sink).' });
  }
  return { connection: busConnectionFromUrl(url), prefix: flags.prefix };
}

/** Connects, runs one bus action and prints its text or JSON; returns the exit code. */
async function runBusAction<T>(flags: BusFlags, action: (o: BusOptions) => Promise<T>, text: (r: T) => string, write: (t: string) => void): Promise<number> {
  try {
    const options = busOptionsFromEnv(flags);
    await pingBus(options);
    const result = await action(options);
    write(flags.json ? JSON.stringify(result) + '\n' : text(result));
    return EXIT.ok;
  } catch (err) {
    return handle(err);
  }
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** `resourceTypes=Patient,Encounter sources=mllp://`, or `(everything)` for an empty filter. */
export function formatFilter(filter: SubscriberFilter): string {
  const parts = Object.entries(filter).filter(([, v]) => Array.isArray(v) && v.length > 0).map(([k, v]) => `${k}=${(v as string[]).join(',')}`);
  return parts.length > 0 ? parts.join(' ') : '(everything)';
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, n) => Math.max(h.length, ...rows.map((r) => r[n].length)));
  return [header, ...rows].map((r) => r.map((c, n) => c.padEnd(widths[n])).join('  ').trimEnd()).join('\n') + '\n';
}

/** Text of `ingest bus subscribers`. */
export function renderSubscribers(list: SubscriberStatus[]): string {
  if (list.length === 0) return 'no subscribers registered\n';
  return table(['NAME', 'WAITING', 'ACTIVE', 'COMPLETED', 'FAILED', 'FILTER'], list.map((s) => [s.name, String(s.counts.waiting), String(s.counts.active), String(s.counts.completed), String(s.counts.failed), formatFilter(s.filter)]));
}

/** Text of `ingest bus peek`: metadata only, never bundle contents. */
export function renderPeek(events: EventSummary[]): string {
  if (events.length === 0) return 'no waiting events\n';
  return table(
    ['KEY', 'RUN', 'PIPELINE', 'RECORD ID', 'RESOURCE TYPES', 'ERRORS', 'WARNINGS', 'PAYLOAD'],
    events.map((e) => [e.key, e.runId, e.pipeline, e.recordId ?? '', e.resourceTypes.join(','), String(e.validation.errors), String(e.validation.warnings), e.payload]),
  );
}

function filterOf(flags: FilterFlags): SubscriberFilter {
  return {
    ...(flags.resourceTypes ? { resourceTypes: flags.resourceTypes } : {}),
    ...(flags.sources ? { sources: flags.sources } : {}),
    ...(flags.pipelines ? { pipelines: flags.pipelines } : {}),
    ...(flags.securityLabels ? { securityLabels: flags.securityLabels } : {}),
  };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new EngineError('cli.bus.bad-limit', `--limit ${value} is not a positive integer`, { stage: 'cli', suggestion: 'Pass e.g. --limit 20.' });
  return n;
}

const common = (cmd: Command): Command =>
  cmd.option('--prefix <prefix>', 'key prefix of the bus, as set on the bus sink (default: ingest)').option('--json', 'print JSON instead of text');

const EXAMPLES = `
Needs REDIS_URL (the Redis of the pipelines' bus sink).

Examples:
  $ ingest bus subscribe adt-feed --resource-types Patient,Encounter --sources mllp://
  $ ingest bus subscribe restricted --security-labels R,V --pipelines labs
  $ ingest bus subscribers                          names, filters and queue counts
  $ ingest bus peek adt-feed --limit 5 --json       next events: key, run, record id, types, validation
  $ ingest bus replay 20250101T101500Z-1a2b3c --subscriber adt-feed
  $ ingest bus unsubscribe adt-feed --drop-queue
`;

/** Registers `ingest bus subscribers|subscribe|unsubscribe|replay|peek` (stdout carries the result; `write` is for tests). */
export function registerBusCommand(program: Command, write: (text: string) => void = (t) => process.stdout.write(t)): void {
  const bus = program.command('bus').summary('manage event-bus subscribers: register, list, peek, replay a run').addHelpText('after', EXAMPLES);
  common(bus.command('subscribers').summary('list subscribers with their filters and queue counts (waiting/active/completed/failed)')).action(async (flags: BusFlags) => {
    process.exitCode = await runBusAction(flags, subscriberStatuses, renderSubscribers, write);
  });
  common(
    bus
      .command('subscribe')
      .summary('register (or replace) a subscriber and its filter; events published from now on are queued for it')
      .argument('<name>', 'subscriber name (its queue is ingest.bus.<name>)')
      .option('--resource-types <types>', 'only bundles with one of these resource types (comma-separated, repeatable)', collect)
      .option('--sources <prefixes>', 'only bundles whose origin starts with one of these, e.g. mllp:// (comma-separated, repeatable)', collect)
      .option('--pipelines <names>', 'only bundles of these pipelines (comma-separated, repeatable)', collect)
      .option('--security-labels <codes>', 'only bundles with a resource carrying one of these meta.security codes (comma-separated, repeatable)', collect),
  ).action(async (name: string, flags: FilterFlags) => {
    const filter = filterOf(flags);
    process.exitCode = await runBusAction(flags, async (o) => (await registerSubscriber(name, filter, o), { name, filter }), (r) => `registered ${r.name}: ${formatFilter(r.filter)}\n`, write);
  });
  common(
    bus
      .command('unsubscribe')
      .summary('remove a subscriber; its queue is kept unless --drop-queue')
      .argument('<name>', 'subscriber name')
      .option('--drop-queue', 'also delete its queue with every pending event'),
  ).action(async (name: string, flags: BusFlags & { dropQueue?: boolean }) => {
    const dropQueue = Boolean(flags.dropQueue);
    process.exitCode = await runBusAction(flags, async (o) => (await removeSubscriber(name, { ...o, dropQueue }), { name, queueDropped: dropQueue }), (r) => `unregistered ${r.name}${r.queueDropped ? ' and deleted its queue' : ' (queue kept)'}\n`, write);
  });
  common(
    bus
      .command('replay')
      .summary("re-queue a run's events that match a subscriber's filter (kept for the sink's retentionDays)")
      .argument('<run-id>', 'run id (`ingest runs` lists them)')
      .requiredOption('--subscriber <name>', 'subscriber to deliver them to again'),
  ).action(async (runId: string, flags: BusFlags & { subscriber: string }) => {
    const text = (r: { requeued: number }): string => `re-queued ${r.requeued} event${r.requeued === 1 ? '' : 's'} of run ${runId} for ${flags.subscriber}${r.requeued === 0 ? ' (unknown run, past retention, or nothing matches the filter)' : ''}\n`;
    process.exitCode = await runBusAction(flags, async (o) => ({ runId, subscriber: flags.subscriber, requeued: await replayRun(runId, flags.subscriber, o) }), text, write);
  });
  common(
    bus
      .command('peek')
      .summary("show a subscriber's next waiting events: metadata only, never bundle contents")
      .argument('<name>', 'subscriber name')
      .option('--limit <n>', 'how many events', '20'),
  ).action(async (name: string, flags: BusFlags & { limit: string }) => {
    process.exitCode = await runBusAction(flags, async (o) => peekEvents(name, positiveInt(flags.limit), o), renderPeek, write);
  });
}
