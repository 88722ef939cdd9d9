/** MLLP start block (HL7 v2 MLLP release 2). */
export const START_BLOCK = 0x0b;
/** MLLP end block, followed by a carriage return. */
export const END_BLOCK = 0x1c;
export const CARRIAGE_RETURN = 0x0d;

/** What the decoder found in the byte stream. */
export type FrameEvent =
  | { kind: 'frame'; data: Buffer }
  | { kind: 'oversize'; bytes: number; head: Buffer }
  | { kind: 'garbage'; bytes: number };

/** Wraps an HL7 payload in an MLLP frame: `0x0B payload 0x1C 0x0D`. */
export function encodeFrame(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  return Buffer.concat([Buffer.from([START_BLOCK]), body, Buffer.from([END_BLOCK, CARRIAGE_RETURN])]);
}

/**
 * Incremental MLLP decoder: frames may be split across TCP chunks, several may share a chunk, and bytes outside a
 * frame are counted as garbage. A frame larger than `maxBytes` is discarded (only its first `headBytes` are kept,
 * so the header can still be answered) and reported as oversize. A start block inside a frame abandons the
 * unfinished frame (reported as garbage) and starts a new one.
 */
export class MllpDecoder {
  private parts: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  private sawEnd = false;
  private head: Buffer | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly headBytes = 4096,
  ) {}

  /** Feeds one chunk; returns the events it completes, in stream order. */
  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    let garbage = 0;
    let i = 0;
    while (i < chunk.length) {
      if (!this.inFrame) {
        const start = chunk.indexOf(START_BLOCK, i);
        garbage += (start < 0 ? chunk.length : start) - i;
        if (start < 0) break;
        this.begin();
        i = start + 1;
        continue;
      }
      if (this.sawEnd) {
        this.sawEnd = false;
        if (chunk[i] === CARRIAGE_RETURN) {
          if (garbage > 0) events.push({ kind: 'garbage', bytes: garbage });
          garbage = 0;
          events.push(this.end());
          i += 1;
          continue;
        }
        this.append(Buffer.from([END_BLOCK]));
      }
      const next = this.nextSpecial(chunk, i);
      if (next < 0) {
        this.append(chunk.subarray(i));
        break;
      }
      this.append(chunk.subarray(i, next));
      if (chunk[next] === START_BLOCK) {
        garbage += this.size + 1;
        this.begin();
      } else {
        this.sawEnd = true;
      }
      i = next + 1;
    }
    if (garbage > 0) events.push({ kind: 'garbage', bytes: garbage });
    return events;
  }

  /** True while an unfinished frame is buffered. */
  get pending(): boolean {
    return this.inFrame;
  }

  private nextSpecial(chunk: Buffer, from: number): number {
    const end = chunk.indexOf(END_BLOCK, from);
    const start = chunk.indexOf(START_BLOCK, from);
    if (start < 0) return end;
    if (end < 0) return start;
    return Math.min(start, end);
  }

  private begin(): void {
    this.inFrame = true;
    this.sawEnd = false;
    this.parts = [];
    this.size = 0;
    this.head = undefined;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.size <= this.maxBytes) {
      this.parts.push(bytes);
      if (this.size + bytes.length > this.maxBytes) this.head = Buffer.concat(this.parts).subarray(0, this.headBytes);
    }
    this.size += bytes.length;
    if (this.size > this.maxBytes) this.parts = [];
  }

  private end(): FrameEvent {
    this.inFrame = false;
    const size = this.size;
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    if (size > this.maxBytes) return { kind: 'oversize', bytes: size, head: this.head ?? Buffer.alloc(0) };
    return { kind: 'frame', data };
  }
}
