import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ackField, MllpTestClient, syntheticAdt } from '../connectors/mllp/test-client.js';
import { createMllpSource } from '../connectors/mllp/mllp.js';
import { createNdjsonSink } from '../connectors/ndjson/ndjson.js';
import type { ConnectorContext } from '../pipelines/contracts/connector.js';
import { checkPipelineText } from '../pipelines/schema/check-pipeline.js';
import { DEFAULT_CATALOG } from '../pipelines/schema/catalog.js';
import type { PipelineConfig } from '../pipelines/schema/pipeline-config.js';
import type { RunCounts } from '../pipelines/runtime/run-history.js';
import { runPipeline } from '../pipelines/runtime/runner.js';
import type { BenchResult } from './types.js';

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Harness {
  client: MllpTestClient;
  counts: () => RunCounts;
  stop: () => Promise<void>;
}

async function start(dir: string, concurrency: number, policy: string): Promise<Harness> {
  const text = `name: bench\nstateDir: ${join(dir, 'state')}\nconcurrency: ${concurrency}\nmapper:\n  format: hl7v2\nvalidation:\n  policy: ${policy}\nsource:\n  type: mllp\n  port: 0\nsinks:\n  - type: ndjson\n    path: ${join(dir, 'out.ndjson')}\n`;
  const config = checkPipelineText(text, join(dir, 'bench.yaml'), DEFAULT_CATALOG).config as PipelineConfig;
  const ctx: ConnectorContext = { pipeline: 'bench', stateDir: join(dir, 'journal'), baseDir: dir, logger: SILENT };
  const source = createMllpSource({ port: 0 }, ctx);
  await source.connect();
  const sink = createNdjsonSink({ path: join(dir, 'out.ndjson') }, ctx);
  const controller = new AbortController();
  let counts: RunCounts | undefined;
  const running = runPipeline(config, { connectors: { source, sinks: [sink] }, signal: controller.signal, onProgress: (c) => (counts = c) });
  const client = await MllpTestClient.open(source.address()?.port ?? 0);
  return {
    client,
    counts: () => counts ?? ({ delivered: 0 } as RunCounts),
    stop: async () => {
      await client.close();
      controller.abort();
      await running;
    },
  };
}

async function ackLatency(rate: number, seconds: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ack-'));
  const h = await start(dir, 2, 'off');
  const total = rate * seconds;
  const sentAt: number[] = [];
  const began = performance.now();
  for (let i = 0; i < total; i++) {
    const due = began + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sentAt.push(performance.now());
    h.client.sendFramed([syntheticAdt(`L${i}`)]);
  }
  await h.client.waitForAcks(total, 60_000);
  const latencies = h.client.acks.map((a, i) => (ackField(a, 'MSA', 1) === 'AA' ? h.client.ackTimes[i] - sentAt[i] : NaN));
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
  return latencies.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
}

async function throughput(n: number, concurrency: number, policy: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tp-'));
  const h = await start(dir, concurrency, policy);
  const began = performance.now();
  h.client.sendFramed(Array.from({ length: n }, (_, i) => syntheticAdt(`T${i}`)));
  await h.client.waitForAcks(n, 120_000);
  while (h.counts().delivered < n) await new Promise((r) => setTimeout(r, 5));
  const rate = n / ((performance.now() - began) / 1000);
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

/** MLLP → convert → (validate) → NDJSON, embedded mode, client and pipeline in one process. */
export async function run(): Promise<BenchResult[]> {
  const n = Number(process.env.BENCH_PIPELINE_N ?? 3000);
  const seconds = Number(process.env.BENCH_ACK_SECONDS ?? 4);
  const lat = await ackLatency(500, seconds);
  const note = 'embedded, in-process client, fsync journal';
  return [
    { name: 'MLLP ACK latency p50 at 500 msg/s', value: percentile(lat, 50), unit: 'ms', note },
    { name: 'MLLP ACK latency p99 at 500 msg/s', value: percentile(lat, 99), unit: 'ms', note },
    { name: 'MLLP → convert → NDJSON, concurrency 1', value: await throughput(n, 1, 'off'), unit: 'messages/s', note: 'no validation' },
    { name: 'MLLP → convert → NDJSON, concurrency 2', value: await throughput(n, 2, 'off'), unit: 'messages/s', note: 'no validation; one process' },
    { name: 'MLLP → convert → NDJSON, concurrency 4', value: await throughput(n, 4, 'off'), unit: 'messages/s', note: 'no validation; one process' },
    { name: 'MLLP → convert → validate → NDJSON, concurrency 4', value: await throughput(n, 4, 'strict'), unit: 'messages/s', note: 'strict validation' },
  ];
}
