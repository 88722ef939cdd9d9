import { defineConnector } from '../../pipelines/contracts/connector.js';
import type { ConnectorContext, Source, SourceMessage } from '../../pipelines/contracts/connector.js';
import { isEngineError } from '../../pipelines/contracts/errors.js';
import { Journal } from '../mllp/journal.js';
import type { JournalEntry } from '../mllp/journal.js';
import { journalMessage, journalWorkQueue } from '../journalled-source.js';
import { parseConvertDataRequest } from './convert-data-request.js';
import { FHIR_JSON, startHttpServer } from './http-server.js';
import type { HttpReply, HttpRequest, HttpServer } from './http-server.js';
import { outcomeOfError, simpleOutcome } from './outcome.js';

/** Config of the `http` source. */
export interface HttpSourceConfig {
  host?: string;
  port: number;
  basePath?: string;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  compactBytes?: number;
  closeGraceMs?: number;
}

/** The HTTP source plus the address it listens on (port 0 picks a free port). */
export interface HttpSource extends Source {
  address(): { host: string; port: number } | undefined;
}

/** Default request body limit (Azure's `$convert-data` allows 512 KB; ours is larger on purpose). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Default time a request body may take to arrive. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/** Media types of a `$convert-data` Parameters body. */
export const PARAMETERS_MEDIA_TYPES = [FHIR_JSON, 'application/json'];
/** Media types of a raw message body posted to `/messages`. */
export const RAW_MEDIA_TYPES = ['text/plain', 'x-application/hl7-v2+er7', 'application/hl7-v2', 'application/xml', 'text/xml', 'application/cda+xml', 'application/octet-stream'];

const json = (status: number, body: unknown, headers?: Record<string, string>): HttpReply => ({ status, body: JSON.stringify(body), contentType: FHIR_JSON, headers });

/**
 * Creates the HTTP source. `POST {basePath}/$convert-data` takes Azure's Parameters body (its inputData is the
 * message); `POST {basePath}/messages` takes the raw message. Each body is appended to the fsync'd journal under the
 * connector state folder and only then answered 202; unacked entries are redelivered after a restart.
 */
export function createHttpSource(config: HttpSourceConfig, ctx: ConnectorContext): HttpSource {
  const journal = new Journal(ctx.stateDir, config.compactBytes);
  const queue = journalWorkQueue(journal, ctx, 'http');
  let server: HttpServer | undefined;
  let origin = 'http://unbound';
  let state: 'new' | 'open' | 'closed' = 'new';
  let closing: Promise<void> | undefined;

  const toMessage = (e: JournalEntry): SourceMessage => journalMessage(e, origin);

  async function store(request: HttpRequest, payload: Buffer): Promise<HttpReply> {
    if (state !== 'open') return json(503, simpleOutcome('error', 'transient', 'The source is shutting down'), { 'retry-after': '1' });
    try {
      const entry = await journal.append(payload, '');
      queue.push(toMessage(entry));
      ctx.logger.info({ connector: 'http', requestId: request.id, messageId: entry.seq, bytes: payload.length }, 'stored');
      return json(202, simpleOutcome('information', 'informational', `Stored as message ${entry.seq} of pipeline ${ctx.pipeline}`), { 'x-message-id': String(entry.seq) });
    } catch (err) {
      ctx.logger.error({ connector: 'http', requestId: request.id, errno: (err as NodeJS.ErrnoException).code }, 'journal append failed');
      return json(503, simpleOutcome('error', 'transient', 'The message could not be stored', 'Send it again.'), { 'retry-after': '1' });
    }
  }

  function convertData(request: HttpRequest): Promise<HttpReply> | HttpReply {
    try {
      return store(request, Buffer.from(parseConvertDataRequest(request.body).inputData, 'utf8'));
    } catch (err) {
      if (!isEngineError(err)) throw err;
      ctx.logger.warn({ connector: 'http', requestId: request.id, code: err.code }, 'request rejected');
      return json(400, outcomeOfError(err));
    }
  }

  function raw(request: HttpRequest): Promise<HttpReply> | HttpReply {
    if (request.body.length === 0) return json(400, simpleOutcome('error', 'required', 'The request body is empty', 'Send the message as the body.'));
    return store(request, request.body);
  }

  async function shutdown(): Promise<void> {
    const wasOpen = state === 'open';
    state = 'closed';
    queue.close();
    if (!wasOpen) return;
    await server?.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([queue.idle(), new Promise((r) => (timer = setTimeout(r, config.closeGraceMs ?? 5000)))]);
    clearTimeout(timer);
    await journal.close();
  }

  return {
    async connect(): Promise<void> {
      if (state !== 'new') return;
      state = 'open';
      const pending = await journal.open();
      server = await startHttpServer({
        host: config.host,
        port: config.port,
        basePath: config.basePath,
        maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        bodyTimeoutMs: config.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
        logger: ctx.logger,
        name: 'http',
        routes: [
          { path: '/$convert-data', accepts: PARAMETERS_MEDIA_TYPES, handle: convertData },
          { path: '/messages', accepts: RAW_MEDIA_TYPES, handle: raw },
        ],
      });
      const addr = server.address();
      origin = `http://${addr.host}:${addr.port}`;
      for (const entry of pending) queue.push(toMessage(entry));
    },
    read: () => queue.read(),
    address: () => server?.address(),
    close(): Promise<void> {
      closing ??= shutdown();
      return closing;
    },
  };
}

/** The `http` source connector spec. */
export const httpSource = defineConnector<HttpSourceConfig>({
  name: 'http',
  kind: 'source',
  summary: 'HTTP listener for Azure-style `$convert-data` Parameters and raw messages; answers 202 only after the body is fsync\'d to a local journal.',
  description:
    '`POST {basePath}/$convert-data` accepts the Parameters body of Azure FHIR service\'s `$convert-data` ' +
    '(application/fhir+json or application/json; its inputData is the message, inputDataType is checked, rootTemplate and ' +
    'templateCollectionReference are ignored: the pipeline\'s mapper section decides). `POST {basePath}/messages` accepts the ' +
    'raw message (text/plain, x-application/hl7-v2+er7, application/xml, …). Each body is appended to a journal under the state ' +
    'folder and fsync\'d before the answer 202 (an OperationOutcome naming the message id, also in `X-Message-Id`), so a 202 ' +
    'means the message survives a crash; it stays in the journal until delivered or quarantined. The converted bundle is not ' +
    'returned: it goes to the sinks (use `ingest serve` for a synchronous `$convert-data`). Bad Parameters get 400, bodies over ' +
    'maxBodyBytes 413, other media types 415, other methods 405, other paths 404, bodies not complete within bodyTimeoutMs 408; ' +
    'all with an OperationOutcome.',
  stability: 'experimental',
  config: {
    type: 'object',
    required: ['port'],
    additionalProperties: false,
    properties: {
      host: { type: 'string', default: '127.0.0.1', description: 'Interface to listen on; `0.0.0.0` for all.' },
      port: { type: 'integer', minimum: 0, maximum: 65535, description: 'TCP port; 0 picks a free one.' },
      basePath: { type: 'string', description: 'Prefix of the routes, e.g. `/fhir` for `/fhir/$convert-data`.' },
      maxBodyBytes: { type: 'integer', minimum: 1024, default: DEFAULT_MAX_BODY_BYTES, description: 'Larger bodies get 413 (Azure\'s own limit is 512 KB).' },
      bodyTimeoutMs: { type: 'integer', minimum: 100, default: DEFAULT_BODY_TIMEOUT_MS, description: 'A body not complete this long after the request started gets 408.' },
      compactBytes: { type: 'integer', minimum: 1024, default: 64 * 1024 * 1024, description: 'Journal size after which it is truncated once every message is done.' },
      closeGraceMs: { type: 'integer', minimum: 0, default: 5000, description: 'On shutdown, how long to wait for in-flight messages to finish; unfinished ones stay in the journal and are redelivered.' },
    },
  },
  examples: [
    { title: 'Azure-compatible endpoint under /fhir on all interfaces', config: { host: '0.0.0.0', port: 8080, basePath: '/fhir' } },
    { title: 'Loopback only, 512 KB limit as in Azure', config: { port: 8081, maxBodyBytes: 524288 } },
  ],
  create: createHttpSource,
});
