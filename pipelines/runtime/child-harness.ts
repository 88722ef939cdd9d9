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
 * Bundles child-runner.ts (with rolldown, which vitest already ships) into a Node ESM file under the package's
 * `node_modules/.cache`, so dependencies still resolve. Returns its path. For tests and benches only.
 */
export async function bundleChildRunner(): Promise<string> {
  const root = join(HERE, '..', '..');
  const out = join(root, 'node_modules', '.cache', 'moonlitic-ingest', 'child-runner.mjs');
  mkdirSync(dirname(out), { recursive: true });
  const { build } = await import('rolldown');
  const entry = HERE.includes(`${join('dist', 'pipelines')}`) ? join(HERE, 'child-runner.js') : join(HERE, 'child-runner.ts');
  await build({ input: entry, platform: 'node', external: [/^[^./]/], logLevel: 'silent', output: { file: out, format: 'esm' } });
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
