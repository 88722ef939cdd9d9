import { execFileSync } from 'node:child_process';
import { createServer, connect } from 'node:net';

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (d: Buffer) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A Redis URL for integration tests: 127.0.0.1:6379 when it answers, else a `redis-server` started on a free port
 * (no persistence, daemonized). `stop` shuts down only a server this function started.
 */
export async function redisForTests(): Promise<{ url: string; port: number; stop: () => void }> {
  if (await reachable(6379)) return { url: 'redis://127.0.0.1:6379', port: 6379, stop: () => undefined };
  const port = await freePort();
  execFileSync('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
  for (let i = 0; i < 50 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => void execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']) };
}
