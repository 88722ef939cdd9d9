import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { defineConnector } from '../../pipelines/contracts/connector.js';
import type { ConnectorContext, Source, SourceMessage } from '../../pipelines/contracts/connector.js';
import { EngineError } from '../../pipelines/contracts/errors.js';
import { WorkQueue } from '../work-queue.js';
import { globToRegExp } from './glob.js';

/** What happens to a file once all its records are delivered or quarantined. */
export type AfterAction = 'keep' | 'move' | 'archive' | 'delete';

/** Config of the `file` source. */
export interface FileSourceConfig {
  path: string;
  glob?: string;
  watch?: boolean;
  pollMs?: number;
  settleMs?: number;
  after?: AfterAction;
  moveTo?: string;
}

interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

function walk(root: string, skip: string | undefined): string[] {
  if (!existsSync(root)) return [];
  if (statSync(root).isFile()) return [root];
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const full = join(root, e.name);
    if (e.name.startsWith('.') || full === skip) return [];
    if (e.isDirectory()) return walk(full, skip);
    return e.isFile() ? [full] : [];
  });
}

function contentKey(file: FoundFile, payload: Buffer): string {
  const content = createHash('sha256').update(payload).digest('hex');
  return createHash('sha256').update(`${file.path}|${file.size}|${file.mtimeMs}|${content}`).digest('hex');
}

function settleFile(path: string, config: FileSourceConfig, root: string, baseDir: string): void {
  const after = config.after ?? 'keep';
  if (after === 'keep') return;
  if (after === 'delete') return unlinkSync(path);
  const day = new Date().toISOString().slice(0, 10);
  const target = resolve(baseDir, config.moveTo ?? 'done');
  const rel = statSync(root).isFile() ? basename(path) : relative(root, path);
  const dest = after === 'archive' ? join(target, day, rel) : join(target, rel);
  mkdirSync(dirname(dest), { recursive: true });
  renameSync(path, dest);
}

/** Files the source would read now (sorted), e.g. to size a progress bar. */
export function listSourceFiles(config: FileSourceConfig, baseDir: string): string[] {
  const root = resolve(baseDir, config.path);
  if (!existsSync(root)) return [];
  if (statSync(root).isFile()) return [root];
  const pattern = globToRegExp(config.glob ?? '*');
  const moveTo = config.moveTo ? resolve(baseDir, config.moveTo) : undefined;
  return walk(root, moveTo)
    .filter((p) => pattern.test(relative(root, p).split('\\').join('/')))
    .sort();
}

/** Creates a file source: lists matching files (sorted), optionally polls for new ones, moves them when done. */
export function createFileSource(config: FileSourceConfig, ctx: ConnectorContext): Source {
  const root = resolve(ctx.baseDir, config.path);
  const seen = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let connected = false;
  const queue = new WorkQueue(async (message, error) => {
    if (error) return;
    try {
      settleFile(message.id, config, root, ctx.baseDir);
    } catch (err) {
      ctx.logger.warn({ connector: 'file', file: message.id, code: (err as NodeJS.ErrnoException).code }, 'cannot settle file');
    }
  });

  function scan(): void {
    const now = Date.now();
    for (const path of listSourceFiles(config, ctx.baseDir)) {
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (config.watch && now - st.mtimeMs < (config.settleMs ?? 500)) continue;
      const stamp = `${st.size}:${st.mtimeMs}`;
      if (seen.get(path) === stamp) continue;
      seen.set(path, stamp);
      const payload = readFileSync(path);
      const message: SourceMessage = {
        id: path,
        payload,
        origin: path,
        dedupeKey: contentKey({ path, size: st.size, mtimeMs: st.mtimeMs }, payload),
        receivedAt: new Date().toISOString(),
      };
      queue.push(message);
    }
  }

  return {
    async connect(): Promise<void> {
      if (connected) return;
      connected = true;
      if (!config.watch && !existsSync(root)) {
        throw new EngineError('connect.file.not-found', `Source path not found: ${config.path}`, {
          stage: 'connect',
          location: { file: root },
          suggestion: 'Fix source.path (relative paths resolve against the pipeline file), or set watch: true to wait for it.',
        });
      }
      scan();
      if (config.watch) timer = setInterval(scan, config.pollMs ?? 1000);
      else queue.finish();
    },
    read: () => queue.read(),
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      queue.close();
    },
  };
}

/** The `file` source connector spec. */
export const fileSource = defineConnector<FileSourceConfig>({
  name: 'file',
  kind: 'source',
  summary: 'Reads files from a file or folder (glob filter, optional watch), then keeps, moves, archives or deletes them.',
  description:
    'Each matching file is one message (an HL7 batch file or C-CDA document; the mapper splits records). Files are read in ' +
    'path order. Without watch the source ends when every file is settled; with watch it polls for new or changed files ' +
    'and ignores files modified within settleMs (still being written). A file is moved only after all its records were ' +
    'delivered or quarantined; a file whose delivery failed transiently stays where it is and is retried.',
  stability: 'beta',
  config: {
    type: 'object',
    required: ['path'],
    additionalProperties: false,
    properties: {
      path: { type: 'string', minLength: 1, description: 'File or folder to read; relative to the pipeline file.' },
      glob: { type: 'string', default: '*', description: 'Glob on paths relative to `path` (`*`, `**`, `?`, `{a,b}`); without `/` it matches file names at any depth.' },
      watch: { type: 'boolean', default: false, description: 'Keep polling for new files instead of ending after the current ones.' },
      pollMs: { type: 'integer', minimum: 50, default: 1000, description: 'Polling interval in watch mode.' },
      settleMs: { type: 'integer', minimum: 0, default: 500, description: 'Watch mode skips files modified more recently than this.' },
      after: { type: 'string', enum: ['keep', 'move', 'archive', 'delete'], default: 'keep', description: 'What to do with a file once done: keep, move to `moveTo`, archive to `moveTo/YYYY-MM-DD/`, or delete.' },
      moveTo: { type: 'string', default: 'done', description: 'Target folder of move and archive; relative to the pipeline file.' },
    },
  },
  examples: [
    { title: 'A folder of HL7 files, moved when done', config: { path: 'inbox', glob: '*.hl7', after: 'move', moveTo: 'done' } },
    { title: 'Watch a drop folder of C-CDA documents', config: { path: 'drop', glob: '*.{xml,ccda}', watch: true, after: 'archive', moveTo: 'archive' } },
  ],
  create: createFileSource,
});
