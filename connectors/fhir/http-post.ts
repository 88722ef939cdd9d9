import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What the server answered to one POST. */
export interface PostResponse {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** A network-level failure (no HTTP status): `code` is the errno (`ECONNREFUSED`, …) or `ETIMEDOUT`. */
export interface PostFailure extends Error {
  code: string;
}

/**
 * JSON POSTs to one base URL over keep-alive connections (node:http/https). Cheaper per request than `fetch`
 * (no WHATWG streams, no AbortSignal per call), which matters when a worker sends one request per message.
 * `close()` drops the idle connections; the next `post` opens new ones.
 */
export class JsonPoster {
  private agent: HttpAgent | undefined;

  constructor(
    private readonly url: URL,
    private readonly timeoutMs: number,
  ) {}

  /** POSTs `body`; resolves with any HTTP status, rejects with a {@link PostFailure} when no response came. */
  post(body: string, headers: Record<string, string>): Promise<PostResponse> {
    const https = this.url.protocol === 'https:';
    this.agent ??= https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    const send = https ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(this.url, { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } });
      let timedOut = false;
      const fail = (err: NodeJS.ErrnoException | undefined): void => {
        clearTimeout(timer);
        reject(failure(timedOut ? 'ETIMEDOUT' : (err?.code ?? 'ECONNRESET')));
      };
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy();
        fail(undefined);
      }, this.timeoutMs);
      req.once('error', fail);
      req.once('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', fail);
        res.once('close', () => {
          if (!res.complete) fail(undefined);
        });
        res.once('end', () => {
          clearTimeout(timer);
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}

function failure(code: string): PostFailure {
  return Object.assign(new Error(`POST failed (${code})`), { code });
}
