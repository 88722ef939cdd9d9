import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackField, MllpTestClient, syntheticAdt } from '../../connectors/mllp/test-client.js';
import { bundleChildRunner, startChildPipeline } from './child-harness.js';
import type { ChildPipeline } from './child-harness.js';

const N = 5000;
let script = '';
let dir = '';

beforeAll(async () => {
  script = await bundleChildRunner();
  dir = mkdtempSync(join(tmpdir(), 'crash-'));
});
const children: ChildPipeline[] = [];
afterAll(() => {
  for (const c of children) c.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Control ids of the delivered bundles; a torn line (the writer killed mid-write, or still writing) is no delivery. */
function deliveredIds(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      let bundle: { entry: { resource: { resourceType: string; entity?: { what: { identifier?: { value: string } } }[] } }[] };
      try {
        bundle = JSON.parse(l) as typeof bundle;
      } catch {
        return [];
      }
      const prov = bundle.entry.findLast((e) => e.resource.resourceType === 'Provenance');
      return [prov?.resource.entity?.[0].what.identifier?.value ?? '?'];
    });
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('crash safety (embedded, MLLP → convert → NDJSON)', () => {
  it(`SIGKILL in the middle of a ${N}-message MLLP stream loses no ACKed message and duplicates none`, async () => {
    const file = join(dir, 'crash.yaml');
    const out = join(dir, 'out.ndjson');
    writeFileSync(file, `name: crash\nstateDir: ${join(dir, 'state')}\nconcurrency: 4\nmapper:\n  format: hl7v2\nvalidation:\n  policy: off\nsource:\n  type: mllp\n  port: 0\nsinks:\n  - type: ndjson\n    path: ${out}\n    dedupe: true\n`);
    const ids = Array.from({ length: N }, (_, i) => `CRASH${i}`);
    const first = await startChildPipeline(script, file);
    children.push(first);
    const c1 = await MllpTestClient.open(first.port);
    let sent = 0;
    while (c1.acks.length < N * 0.4 && sent < N) {
      c1.sendFramed(ids.slice(sent, sent + 25).map((id) => syntheticAdt(id)), 3);
      sent += 25;
      await new Promise((r) => setTimeout(r, 10));
    }
    first.proc.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const acked = new Set(c1.acks.filter((a) => ackField(a, 'MSA', 1) === 'AA').map((a) => ackField(a, 'MSA', 2)));
    await c1.close();
    expect(acked.size).toBeGreaterThanOrEqual(N * 0.4);
    expect(acked.size).toBeLessThan(N);

    const second = await startChildPipeline(script, file);
    children.push(second);
    const c2 = await MllpTestClient.open(second.port);
    const resend = ids.filter((id) => !acked.has(id));
    c2.sendFramed(resend.map((id) => syntheticAdt(id)), 20);
    const acks2 = await c2.waitForAcks(resend.length, 30_000);
    expect(acks2.every((a) => ackField(a, 'MSA', 1) === 'AA')).toBe(true);
    await until(() => deliveredIds(out).length >= N, 60_000);
    await c2.close();
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const delivered = deliveredIds(out);
    const counts = new Map<string, number>();
    for (const id of delivered) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...acked].filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(delivered).toHaveLength(N);
  }, 120_000);
});
