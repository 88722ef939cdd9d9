import type { Delivery, SourceMessage } from '../pipelines/contracts/connector.js';

/** What happens when a delivery is settled: `error` set means nack. */
export type SettleHandler = (message: SourceMessage, error: Error | undefined) => Promise<void>;

/**
 * In-memory hand-out queue shared by sources: FIFO order, waiting readers, in-flight tracking, nack redelivery
 * (a nacked message goes back to the front), end of input (no pending, none in flight, `finish()` called) and close.
 */
export class WorkQueue {
  private readonly pending: SourceMessage[] = [];
  private readonly waiters: ((d: Delivery | undefined) => void)[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private finished = false;
  private closed = false;

  constructor(private readonly onSettle: SettleHandler) {}

  /** Adds a message at the back; wakes one waiting reader. */
  push(message: SourceMessage): void {
    if (this.closed) return;
    this.pending.push(message);
    this.drain();
  }

  /** Declares that no more messages will be pushed; readers then get `undefined` once everything is settled. */
  finish(): void {
    this.finished = true;
    this.drain();
  }

  /** Ends the queue: every waiting and later reader gets `undefined`. */
  close(): void {
    this.closed = true;
    this.drain();
  }

  get size(): number {
    return this.pending.length;
  }

  get busy(): number {
    return this.inFlight;
  }

  /** Resolves once no delivery is in flight (every handed-out message was acked or nacked). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  read(): Promise<Delivery | undefined> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiters.length > 0) {
      if (this.closed) {
        this.waiters.shift()?.(undefined);
        continue;
      }
      const next = this.pending.shift();
      if (next) {
        this.waiters.shift()?.(this.deliver(next));
        continue;
      }
      if (this.finished && this.inFlight === 0) {
        this.waiters.shift()?.(undefined);
        continue;
      }
      return;
    }
  }

  private deliver(message: SourceMessage): Delivery {
    this.inFlight += 1;
    let settled = false;
    return {
      message,
      ack: async (error?: Error): Promise<void> => {
        if (settled) return;
        settled = true;
        try {
          await this.onSettle(message, error);
        } finally {
          this.inFlight -= 1;
          if (error && !this.closed) this.pending.unshift(message);
          this.drain();
          if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
        }
      },
    };
  }
}
