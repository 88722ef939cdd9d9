import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorLogger } from '../../pipelines/contracts/connector.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import type { OperationOutcome } from '../../pipelines/contracts/issue.js';
import { simpleOutcome } from './outcome.js';

/** A request whose body was read completely within the limits. */
export interface HttpRequest {
  /** Per-server sequence number; safe to log. */
  id: number;
  /** Path below the base path, e.g. `/$convert-data`. */
  path: string;
  query: URLSearchParams;
  /** Media type without parameters, lower case. */
  mediaType: string;
  body: Buffer;
}

/** What a route answers. */
export interface HttpReply {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One POST operation. `handle` may throw; the client then gets a 500 OperationOutcome. */
export interface HttpRoute {
  /** Path below the base path, e.g. `/$convert-data`. */
  path: string;
  /** Accepted request media types (lower case, without parameters). */
  accepts: string[];
  handle(request: HttpRequest): HttpReply | Promise<HttpReply>;
}

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  host?: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Prefix of every route, e.g. `/fhir`; empty for none. */
  basePath?: string;
  maxBodyBytes: number;
  /** A request whose body is not complete this long after it started gets 408 and is closed. */
  bodyTimeoutMs: number;
  routes: HttpRoute[];
  logger: ConnectorLogger;
  /** Name in log lines (`connector`). */
  name: string;
}

/** A listening server. */
export interface HttpServer {
  address(): { host: string; port: number };
  /** Stops accepting, lets requests in progress finish, then closes every connection (idempotent). */
  close(): Promise<void>;
}

/** Media type of FHIR JSON responses. */
export const FHIR_JSON = 'application/fhir+json';

/** Normalises a base path: leading slash, no trailing slash, `''` for the root. */
export function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').trim().replace(/\/+$/, '');
  if (!trimmed) return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

const outcomeReply = (status: number, outcome: OperationOutcome, headers?: Record<string, string>): HttpReply => ({
  status,
  body: JSON.stringify(outcome),
  contentType: FHIR_JSON,
  headers,
});

class BodyError extends Error {
  constructor(readonly reply: HttpReply) {
    super('body rejected');
  }
}

function readBody(req: IncomingMessage, max: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      done();
      reject(new BodyError(outcomeReply(408, simpleOutcome('error', 'timeout', `The request body was not complete within ${timeoutMs} ms`, 'Send the whole body at once, with a correct Content-Length.'))));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        done();
        reject(tooLarge(max));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    function done(): void {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
    }
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function tooLarge(max: number): BodyError {
  return new BodyError(outcomeReply(413, simpleOutcome('error', 'too-long', `The request body is larger than the limit of ${max} bytes`, 'Send a smaller message, or raise the server limit (--max-bytes, maxBodyBytes).')));
}

/**
 * Starts an HTTP/1.1 server for POST operations: 404 for unknown paths, 405 (with Allow) for other methods, 415 for
 * other media types, 413 over `maxBodyBytes` (from Content-Length, before reading, or while reading), 408 when the
 * body does not arrive in time, 500 when a route throws. Error replies are FHIR OperationOutcomes; rejected requests
 * close their connection. Logs request ids, paths, statuses and sizes only.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const base = normaliseBasePath(options.basePath);
  const routes = new Map(options.routes.map((r) => [r.path, r]));
  const inFlight = new Set<Promise<void>>();
  const log = options.logger;
  let nextId = 1;

  function send(res: ServerResponse, reply: HttpReply, close = false): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(reply.status, {
      'content-type': `${reply.contentType ?? FHIR_JSON}; charset=utf-8`,
      ...(close ? { connection: 'close' } : {}),
      ...reply.headers,
    });
    res.end(reply.body);
  }

  function reject(req: IncomingMessage, res: ServerResponse, reply: HttpReply): void {
    send(res, reply, true);
    res.once('finish', () => req.socket.destroySoon?.());
    req.resume();
  }

  async function serve(id: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname = url.pathname;
    try {
      pathname = decodeURIComponent(pathname);
    } catch {
      /* keep the raw path; it will not match a route */
    }
    const route = pathname.startsWith(base) ? routes.get(pathname.slice(base.length)) : undefined;
    const known = [...routes.keys()].map((p) => `POST ${base}${p}`).join(', ');
    if (!route) return reject(req, res, outcomeReply(404, simpleOutcome('error', 'not-found', `No operation at ${pathname}`, `Use ${known}.`)));
    if (req.method !== 'POST') {
      return reject(req, res, outcomeReply(405, simpleOutcome('error', 'not-supported', `Method ${req.method ?? ''} is not allowed on ${pathname}`, `Use ${known}.`), { allow: 'POST' }));
    }
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!route.accepts.includes(mediaType)) {
      return reject(req, res, outcomeReply(415, simpleOutcome('error', 'not-supported', `Content-Type '${mediaType || '(none)'}' is not accepted`, `Send one of: ${route.accepts.join(', ')}.`)));
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.maxBodyBytes) return reject(req, res, tooLarge(options.maxBodyBytes).reply);
    let body: Buffer;
    try {
      body = await readBody(req, options.maxBodyBytes, options.bodyTimeoutMs);
    } catch (err) {
      if (err instanceof BodyError) return reject(req, res, err.reply);
      log.warn({ connector: options.name, requestId: id, errno: (err as NodeJS.ErrnoException).code }, 'request body read failed');
      res.destroy();
      return;
    }
    try {
      send(res, await route.handle({ id, path: route.path, query: url.searchParams, mediaType, body }));
    } catch (err) {
      const code = err instanceof EngineError ? err.code : 'internal.unexpected';
      log.error({ connector: options.name, requestId: id, code }, 'request failed');
      send(res, outcomeReply(500, simpleOutcome('error', 'exception', 'The request could not be processed', `${code}; the server log has the request id ${id}.`)));
    }
  }

  const server: Server = createServer((req, res) => {
    const id = nextId++;
    const started = performance.now();
    const task = serve(id, req, res).finally(() => inFlight.delete(task));
    inFlight.add(task);
    res.once('close', () => {
      log.info({ connector: options.name, requestId: id, method: req.method, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    log.warn({ connector: options.name, errno: err.code }, 'malformed request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await listen(server, options);
  let closing: Promise<void> | undefined;
  return {
    address(): { host: string; port: number } {
      const addr = server.address() as AddressInfo;
      return { host: addr.address, port: addr.port };
    },
    close(): Promise<void> {
      closing ??= (async (): Promise<void> => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

async function listen(server: Server, options: HttpServerOptions): Promise<void> {
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    throw new EngineError('connect.http.listen-failed', `Cannot listen on ${host}:${options.port} (${err.code ?? 'error'})`, {
      stage: 'connect',
      retryable: err.code === 'EADDRINUSE',
      suggestion: 'Pick a free port, or stop the process holding it.',
      cause: err,
    });
  });
}
