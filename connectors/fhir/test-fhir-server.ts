import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Entry = { resource?: { resourceType: string; id?: string }; request?: { method: string; url: string } };

/**
 * A loopback HTTP endpoint with FHIR transaction/batch semantics and an in-memory store, for sink tests until a
 * real FHIR server package is available. `failNext` queues whole-request statuses (429 sends Retry-After: 0);
 * resources of `rejectType` fail: the whole transaction with 400, or their batch entry with 422.
 */
export interface TestFhirServer {
  url: string;
  stored: Map<string, Record<string, unknown>>;
  requests: { type: string; entries: number }[];
  failNext(...statuses: number[]): void;
  rejectType: string | undefined;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<{ type: string; entry?: Entry[] }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; entry?: Entry[] };
}

/** Starts the test endpoint on an ephemeral loopback port. */
export async function startTestFhirServer(): Promise<TestFhirServer> {
  const failures: number[] = [];
  let nextId = 1;
  const state: TestFhirServer = {
    url: '',
    stored: new Map(),
    requests: [],
    failNext: (...s) => void failures.push(...s),
    rejectType: undefined,
    close: () => new Promise((r) => server.close(() => r())),
  };
  const store = (e: Entry): string => {
    const r = e.resource as { resourceType: string; id?: string };
    const id = e.request?.method === 'PUT' ? (e.request.url.split('/')[1] ?? r.id) : String(nextId++);
    const existed = state.stored.has(`${r.resourceType}/${id}`);
    state.stored.set(`${r.resourceType}/${id}`, { ...r, id });
    return existed ? '200 OK' : '201 Created';
  };
  const server: Server = createServer((req, res) => {
    void bodyOf(req).then((bundle) => {
      const entries = bundle.entry ?? [];
      state.requests.push({ type: bundle.type, entries: entries.length });
      const fail = failures.shift();
      if (fail) return send(res, fail, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }, fail === 429 ? { 'retry-after': '0' } : {});
      const rejected = (e: Entry): boolean => e.resource?.resourceType === state.rejectType;
      if (bundle.type === 'transaction' && entries.some(rejected)) return send(res, 400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] });
      const out = entries.map((e) => ({ response: { status: rejected(e) ? '422 Unprocessable Entity' : store(e) } }));
      send(res, 200, { resourceType: 'Bundle', type: `${bundle.type}-response`, entry: out });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir/R4`;
  return state;
}
