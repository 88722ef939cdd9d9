import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getStatus } from '@medplum/core';
import type { WithId } from '@medplum/core';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { HttpMethod } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';

/** Base path the server answers under. */
export const FHIR_BASE = '/fhir/R4';
/**
 * Path (outside the FHIR base) answering `{ requests, created: { "<type>": <distinct resources created> } }`
 * without a search: `requests` counts the FHIR requests served.
 */
export const COUNTS_PATH = '/__counts';

/** The in-memory repository, also keeping the ids it created per type (the bench polls these instead of searching). */
class CountingRepository extends MemoryRepository {
  readonly created = new Map<string, Set<string>>();

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const out = await super.createResource(resource);
    let ids = this.created.get(out.resourceType);
    if (!ids) this.created.set(out.resourceType, (ids = new Set()));
    ids.add(out.id);
    return out;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.created.get(resourceType)?.delete(id);
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.created.entries()].map(([type, ids]) => [type, ids.size]));
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * A real FHIR R4 server for sink tests: Medplum's FhirRouter over its in-memory repository behind node:http
 * (REST, search, batch and transaction as Medplum implements them). Run it as its own process with
 * `node medplum-fhir-server.js [port]`; it prints `READY <port>`. `GET /__counts` answers the number of requests and
 * of resources created per type in O(types), so a bench can poll progress without the O(n) search the router would run.
 */
export async function startMedplumFhirServer(port = 0): Promise<{ server: Server; port: number }> {
  const router = new FhirRouter();
  const repo = new CountingRepository();
  let requests = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === COUNTS_PATH) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ requests, created: repo.counts() }));
        return;
      }
      requests += 1;
      const pathname = url.pathname.startsWith(FHIR_BASE) ? url.pathname.slice(FHIR_BASE.length) || '/' : url.pathname;
      const body = req.method === 'GET' ? undefined : await readBody(req);
      const query = Object.fromEntries(url.searchParams.entries());
      const route = pathname.replace(/^\/+/, '') + url.search;
      const [outcome, resource] = await router.handleRequest({ method: req.method as HttpMethod, url: route, pathname: '', body, params: {}, query, headers: req.headers }, repo);
      res.writeHead(getStatus(outcome), { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(resource ?? outcome));
    })().catch((err: unknown) => {
      process.stderr.write(`fhir server error: ${(err as Error).message}\n`);
      res.writeHead(500, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Starts the server as a separate process on a free loopback port (from `dist/`, the compiled file; from sources,
 * this file bundled with rolldown into `node_modules/.cache`). Tests and benches only.
 */
export async function spawnMedplumFhirServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const here = dirname(fileURLToPath(import.meta.url));
  let script = join(here, 'medplum-fhir-server.js');
  if (!here.includes(join('dist', 'connectors'))) {
    script = join(here, '..', '..', 'node_modules', '.cache', 'moonlitic-ingest', 'medplum-fhir-server.mjs');
    mkdirSync(dirname(script), { recursive: true });
    const { build } = await import('rolldown');
    await build({ input: join(here, 'medplum-fhir-server.ts'), platform: 'node', external: [/^[^./]/], logLevel: 'silent', output: { file: script, format: 'esm' } });
  }
  const child = spawn(process.execPath, [script, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /READY (\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`FHIR server exited (${String(code)})`)));
  });
  return { url: `http://127.0.0.1:${port}${FHIR_BASE}`, pid: child.pid ?? 0, stop: () => void child.kill('SIGTERM') };
}

if (process.argv[1] && /medplum-fhir-server\.(m?js|ts)$/.test(process.argv[1])) {
  process.once('SIGTERM', () => process.exit(0));
  void startMedplumFhirServer(Number(process.argv[2] ?? 0)).then(({ port }) => process.stdout.write(`READY ${port}\n`));
}
