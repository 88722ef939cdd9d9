import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { defineConnector } from '../../pipelines/contracts/connector.js';
import type { ConnectorContext, Source, SourceMessage } from '../../pipelines/contracts/connector.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { journalMessage, journalWorkQueue } from '../journalled-source.js';
import { ackCodeFor, buildAck } from './ack.js';
import type { FrameEvent } from './framing.js';
import { encodeFrame, MllpDecoder } from './framing.js';
import { HL7_ERROR, isHeaderProblem, readHl7Header } from './hl7-header.js';
import type { HeaderProblem, Hl7Header } from './hl7-header.js';
import { Journal } from './journal.js';
import type { JournalEntry } from './journal.js';

/** Config of the `mllp` source. */
export interface MllpSourceConfig {
  host?: string;
  port: number;
  maxMessageBytes?: number;
  compactBytes?: number;
  closeGraceMs?: number;
}

/** The MLLP source plus the address it listens on (port 0 picks a free port). */
export interface MllpSource extends Source {
  address(): { host: string; port: number } | undefined;
}

let ackCounter = 0;
const nextAckId = (): string => `ACK${Date.now().toString(36).toUpperCase()}${(ackCounter++ % 1e6).toString(36).toUpperCase()}`;

function ackFrame(header: Hl7Header | undefined, outcome: 'AA' | 'AE' | 'AR', problem?: HeaderProblem): Buffer | undefined {
  const code = ackCodeFor(header, outcome);
  if (!code) return undefined;
  return encodeFrame(buildAck({ header, code, controlId: nextAckId(), problem, now: new Date() }));
}

/**
 * Creates the MLLP listener source. Each frame is checked shallowly (MSH/FHS/BHS header, MSH-9, MSH-10), appended
 * to the fsync'd journal under the connector state folder, and only then acknowledged (AA, or CA in enhanced
 * mode); bad frames get AE/AR with an ERR segment and are not stored. ACKs go out in the order frames arrived on
 * each connection. Unacked journal entries are redelivered after a restart.
 */
export function createMllpSource(config: MllpSourceConfig, ctx: ConnectorContext): MllpSource {
  const journal = new Journal(ctx.stateDir, config.compactBytes);
  const queue = journalWorkQueue(journal, ctx, 'mllp');
  const sockets = new Set<Socket>();
  const chains = new Set<Promise<void>>();
  let server: Server | undefined;
  let origin = 'mllp://unbound';
  let state: 'new' | 'open' | 'closed' = 'new';
  let closing: Promise<void> | undefined;

  const toMessage = (e: JournalEntry): SourceMessage => journalMessage(e, origin);

  async function accept(frame: Buffer): Promise<Buffer | undefined> {
    const header = readHl7Header(frame);
    if (isHeaderProblem(header)) {
      ctx.logger.warn({ connector: 'mllp', code: header.error.code, ack: header.ack, field: header.location?.field }, 'frame rejected');
      return ackFrame(header.header, header.ack, header);
    }
    try {
      const entry = await journal.append(frame, header.controlId);
      queue.push(toMessage(entry));
      return ackFrame(header, 'AA');
    } catch (err) {
      ctx.logger.error({ connector: 'mllp', controlId: header.controlId, errno: (err as NodeJS.ErrnoException).code }, 'journal append failed');
      const problem: HeaderProblem = { ack: 'AE', error: HL7_ERROR.internal, severity: 'E', userMessage: 'The message could not be stored; send it again' };
      return ackFrame(header, 'AE', problem);
    }
  }

  function reply(event: FrameEvent): Promise<Buffer | undefined> {
    if (event.kind === 'frame') return accept(event.data);
    if (event.kind === 'garbage') {
      ctx.logger.warn({ connector: 'mllp', bytes: event.bytes }, 'bytes outside MLLP frames ignored');
      return Promise.resolve(undefined);
    }
    const parsed = readHl7Header(event.head);
    const header = isHeaderProblem(parsed) ? parsed.header : parsed;
    const problem: HeaderProblem = { ack: 'AR', error: HL7_ERROR.internal, severity: 'E', userMessage: `Message of ${event.bytes} bytes exceeds the listener limit of ${config.maxMessageBytes ?? DEFAULT_MAX} bytes` };
    ctx.logger.warn({ connector: 'mllp', bytes: event.bytes }, 'oversize frame rejected');
    return Promise.resolve(ackFrame(header, 'AR', problem));
  }

  function onConnection(socket: Socket): void {
    sockets.add(socket);
    socket.setNoDelay(true);
    const decoder = new MllpDecoder(config.maxMessageBytes ?? DEFAULT_MAX);
    let chain: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        const answer = reply(event);
        chain = chain.then(async () => {
          const buf = await answer;
          if (buf && !socket.destroyed) socket.write(buf);
        });
        chains.add(chain);
        const done = chain;
        void done.finally(() => chains.delete(done));
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => ctx.logger.warn({ connector: 'mllp', errno: err.code }, 'connection error'));
    socket.on('close', () => sockets.delete(socket));
  }

  async function shutdown(): Promise<void> {
    const wasOpen = state === 'open';
    state = 'closed';
    queue.close();
    if (!wasOpen) return;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await Promise.allSettled([...chains]);
    for (const socket of sockets) socket.destroy();
    await closed;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([queue.idle(), new Promise((r) => (timer = setTimeout(r, config.closeGraceMs ?? 5000)))]);
    clearTimeout(timer);
    await journal.close();
  }

  async function listen(): Promise<void> {
    server = createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(config.port, config.host ?? '127.0.0.1', () => resolve());
    }).catch((err: NodeJS.ErrnoException) => {
      throw new EngineError('connect.mllp.listen-failed', `Cannot listen on ${config.host ?? '127.0.0.1'}:${config.port} (${err.code ?? 'error'})`, {
        stage: 'connect',
        retryable: err.code === 'EADDRINUSE',
        suggestion: 'Pick a free port (source.port), or stop the process holding it.',
        cause: err,
      });
    });
    const addr = server.address() as AddressInfo;
    origin = `mllp://${addr.address}:${addr.port}`;
  }

  return {
    async connect(): Promise<void> {
      if (state !== 'new') return;
      state = 'open';
      const pending = await journal.open();
      await listen();
      for (const entry of pending) queue.push(toMessage(entry));
    },
    read: () => queue.read(),
    address(): { host: string; port: number } | undefined {
      const addr = server?.address() as AddressInfo | null | undefined;
      return addr ? { host: addr.address, port: addr.port } : undefined;
    },
    close(): Promise<void> {
      closing ??= shutdown();
      return closing;
    },
  };
}

const DEFAULT_MAX = 10 * 1024 * 1024;

/** The `mllp` source connector spec. */
export const mllpSource = defineConnector<MllpSourceConfig>({
  name: 'mllp',
  kind: 'source',
  summary: 'HL7v2 MLLP listener over TCP that ACKs (AA) only after the message is fsync\'d to a local journal.',
  description:
    'Listens for MLLP frames (0x0B … 0x1C 0x0D): frames split across TCP packets, several per packet and bytes ' +
    'between frames are handled. Each message (or FHS/BHS batch) is appended to a journal under the state folder and ' +
    'fsync\'d (group commit) before the ACK is written, so an AA means the message survives a crash; it stays in the ' +
    'journal until delivered or quarantined. Frames that do not start with MSH/FHS/BHS or lack MSH-9/MSH-10 get AR/AE ' +
    'with an ERR segment (ERR-2 location, ERR-3 HL7 table 0357 code, ERR-4 severity, ERR-8 text) and are not stored; so ' +
    'do frames over maxMessageBytes. Original mode (MSH-15/16 empty) answers AA/AE/AR; enhanced mode answers CA/CE/CR ' +
    'as MSH-15 asks (AL, NE, ER, SU); application-level ACKs (MSH-16) are not sent. ACKs swap sender and receiver ' +
    '(MSH-3/4 ↔ MSH-5/6) and carry MSA-2 = the message\'s MSH-10 (batch: BHS-11, else FHS-11).',
  stability: 'beta',
  config: {
    type: 'object',
    required: ['port'],
    additionalProperties: false,
    properties: {
      host: { type: 'string', default: '127.0.0.1', description: 'Interface to listen on; `0.0.0.0` for all.' },
      port: { type: 'integer', minimum: 0, maximum: 65535, description: 'TCP port; 0 picks a free one.' },
      maxMessageBytes: { type: 'integer', minimum: 1024, default: DEFAULT_MAX, description: 'Larger frames are rejected with AR.' },
      compactBytes: { type: 'integer', minimum: 1024, default: 64 * 1024 * 1024, description: 'Journal size after which it is truncated once every message is done.' },
      closeGraceMs: { type: 'integer', minimum: 0, default: 5000, description: 'On shutdown, how long to wait for in-flight messages to finish; unfinished ones stay in the journal and are redelivered.' },
    },
  },
  examples: [
    { title: 'Listen for ADT feeds on the standard port', config: { host: '0.0.0.0', port: 2575 } },
    { title: 'Loopback only, 1 MiB limit', config: { port: 6661, maxMessageBytes: 1048576 } },
  ],
  create: createMllpSource,
});
