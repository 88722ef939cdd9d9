import type { Delivery, Source } from '../contracts/connector.js';

const NOTHING_YET = Symbol('nothing-yet');

/**
 * Reads a source in groups: waits for one delivery, then adds those the source already holds (their `read()`
 * settles within the same microtask turn), up to `max`. A read still pending when the group closes is kept for the
 * next group, so no delivery is lost. A source that never has a delivery ready yields groups of one.
 */
export class GroupReader {
  private next: Promise<Delivery | undefined> | undefined;
  private ended = false;

  constructor(
    private readonly source: Source,
    private readonly max: number,
  ) {}

  /** The next group; empty once the source has ended. */
  async read(): Promise<Delivery[]> {
    if (this.ended) return [];
    const first = await (this.next ?? this.source.read());
    this.next = undefined;
    if (!first) {
      this.ended = true;
      return [];
    }
    const group = [first];
    while (group.length < this.max) {
      const pending = this.source.read();
      const d = await Promise.race([pending, Promise.resolve(NOTHING_YET)]);
      if (d === NOTHING_YET) {
        this.next = pending;
        break;
      }
      if (!d) {
        this.ended = true;
        break;
      }
      group.push(d);
    }
    return group;
  }
}
