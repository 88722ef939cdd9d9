import { createHash } from 'node:crypto';
import type { ConnectorContext, SourceMessage } from '../pipelines/contracts/connector.js';
import type { Journal, JournalEntry } from './mllp/journal.js';
import { WorkQueue } from './work-queue.js';

/**
 * The work queue of a source that journals what it receives (MLLP, HTTP): a message delivered or quarantined is
 * acked in the journal; one settled after the journal closed stays there and is redelivered on the next start.
 */
export function journalWorkQueue(journal: Journal, ctx: ConnectorContext, connector: string): WorkQueue {
  return new WorkQueue(async (message, error) => {
    if (error) return;
    try {
      await journal.ack(Number(message.id));
    } catch {
      ctx.logger.warn({ connector, messageId: message.id }, 'ack after close; the message will be redelivered');
    }
  });
}

/** A journal entry as the source message the runner sees; the dedupe key is the payload's SHA-256. */
export function journalMessage(entry: JournalEntry, origin: string): SourceMessage {
  return {
    id: String(entry.seq),
    payload: entry.payload,
    origin,
    ...(entry.controlId ? { controlId: entry.controlId } : {}),
    dedupeKey: createHash('sha256').update(entry.payload).digest('hex'),
    receivedAt: entry.receivedAt,
  };
}
