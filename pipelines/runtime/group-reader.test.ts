import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../connectors/work-queue.js';
import type { SourceMessage } from '../contracts/connector.js';
import { GroupReader } from './group-reader.js';

const msg = (id: string): SourceMessage => ({ id, payload: Buffer.from(id), origin: 'test', receivedAt: '2024-01-01T00:00:00Z' });

function queueSource(): { queue: WorkQueue; source: { connect: () => Promise<void>; read: WorkQueue['read']; close: () => Promise<void> } } {
  const queue = new WorkQueue(async () => undefined);
  return { queue, source: { connect: async () => undefined, read: () => queue.read(), close: async () => queue.close() } };
}

describe('GroupReader', () => {
  it('groups the messages the source already holds, up to max', async () => {
    const { queue, source } = queueSource();
    for (const id of ['1', '2', '3', '4', '5']) queue.push(msg(id));
    const reader = new GroupReader(source, 3);
    expect((await reader.read()).map((d) => d.message.id)).toEqual(['1', '2', '3']);
    expect((await reader.read()).map((d) => d.message.id)).toEqual(['4', '5']);
  });

  it('keeps a read that was still pending for the next group, so no message is lost', async () => {
    const { queue, source } = queueSource();
    queue.push(msg('a'));
    const reader = new GroupReader(source, 10);
    expect((await reader.read()).map((d) => d.message.id)).toEqual(['a']);
    const next = reader.read();
    queue.push(msg('b'));
    queue.push(msg('c'));
    expect((await next).map((d) => d.message.id)).toEqual(['b', 'c']);
  });

  it('returns an empty group once the source ends, also after a partial group', async () => {
    const { queue, source } = queueSource();
    queue.push(msg('x'));
    queue.finish();
    const reader = new GroupReader(source, 10);
    const group = await reader.read();
    expect(group.map((d) => d.message.id)).toEqual(['x']);
    await group[0].ack();
    expect(await reader.read()).toEqual([]);
    expect(await reader.read()).toEqual([]);
  });
});
