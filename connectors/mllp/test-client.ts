import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { encodeFrame, MllpDecoder } from './framing.js';

/** A real TCP MLLP client for tests and benches: sends raw bytes, collects ACK frames in arrival order. */
export class MllpTestClient {
  readonly acks: string[] = [];
  /** `performance.now()` at which each ACK arrived. */
  readonly ackTimes: number[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];
  private readonly decoder = new MllpDecoder(16 * 1024 * 1024);

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const e of this.decoder.push(chunk)) {
        if (e.kind !== 'frame') continue;
        this.acks.push(e.data.toString('latin1'));
        this.ackTimes.push(performance.now());
      }
      this.waiters = this.waiters.filter((w) => (this.acks.length >= w.n ? (w.resolve(), false) : true));
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<MllpTestClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new MllpTestClient(socket)));
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }

  /** Writes bytes as they are (no framing). */
  sendRaw(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Frames each message and writes the stream cut at `cuts` random points (several frames may share a write). */
  sendFramed(messages: string[], cuts = 0, random: () => number = Math.random): void {
    const stream = Buffer.concat(messages.map((m) => encodeFrame(m)));
    const points = Array.from({ length: cuts }, () => Math.floor(random() * stream.length)).sort((a, b) => a - b);
    let from = 0;
    for (const p of [...points, stream.length]) {
      if (p > from) this.socket.write(stream.subarray(from, p));
      from = Math.max(from, p);
    }
  }

  /** Resolves once `n` ACKs in total have arrived. */
  waitForAcks(n: number, timeoutMs = 5000): Promise<string[]> {
    if (this.acks.length >= n) return Promise.resolve(this.acks.slice(0, n));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${this.acks.length} of ${n} ACKs`)), timeoutMs);
      this.waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(this.acks.slice(0, n))) });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.end(() => resolve());
      this.socket.destroy();
    });
  }
}

/** A small synthetic HL7 v2.5.1 ADT^A01 with the given control id (MSH-15/16 optional). */
export function syntheticAdt(controlId: string, msh15 = '', msh16 = ''): string {
  return [
    `MSH|^~\\&|SENDAPP|SENDFAC|RECVAPP|RECVFAC|20240101120000||ADT^A01^ADT_A01|${controlId}|P|2.5.1|||${msh15}|${msh16}`,
    'EVN|A01|20240101120000',
    `PID|1||PAT${controlId}^^^HOSP^MR||TESTPATIENT^ALPHA||19800101|F`,
    'PV1|1|I|WARD^101^A',
  ].join('\r');
}

/** Value of `SEG-n` (HL7 numbering; for MSH, n counts the field separator as MSH-1) in an ACK. */
export function ackField(ack: string, segment: string, n: number): string {
  const line = ack.split('\r').find((s) => s.startsWith(segment)) ?? '';
  const parts = line.split('|');
  return segment === 'MSH' ? (n === 1 ? '|' : (parts[n - 1] ?? '')) : (parts[n] ?? '');
}
