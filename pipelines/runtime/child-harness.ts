import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A pipeline running in a child process (see child-runner.ts). */
export interface ChildPipeline {
  proc: ChildProcess;
  /** Listening port of the source (0 when it does not listen). */
  port: number;
  /** Resolves with the exit code or signal once the child is gone. */
  exited: Promise<number | string>;
}

/**
 * Path of a runnable child-runner: the compiled file when running from `dist/`, else child-runner.ts bundled (with
 * rolldown, which vitest already ships) into `node_modules/.cache` so dependencies resolve. Tests and benches only.
 */
export async function bundleChildRunner(): Promise<string> {
  if (HERE.includes(`${join('dist', 'pipelines')}`)) return join(HERE, 'child-runner.js');
  const root = join(HERE, '..', '..');
  const out = join(root, 'node_modules', '.cache', 'moonlitic-ingest', 'child-runner.mjs');
  mkdirSync(dirname(out), { recursive: true });
  const { build } = await import('rolldown');
  await build({ input: join(HERE, 'child-runner.ts'), platform: 'node', external: [/^[^./]/], logLevel: 'silent', output: { file: out, format: 'esm' } });
  return out;
}

/** Starts a pipeline file in a child process (mode `embedded`, `enqueue` or `worker`); resolves once it reports READY. */
export function startChildPipeline(script: string, pipelineFile: string, mode = 'embedded', env: Record<string, string> = {}): Promise<ChildPipeline> {
  const proc = spawn(process.execPath, [script, pipelineFile, mode], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ proc, port: Number(m[1]), exited });
    });
    void exited.then((code) => reject(new Error(`child exited (${code}) before READY: ${err.slice(0, 500)}`)));
  });
}
