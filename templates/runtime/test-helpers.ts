import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FilterSpec } from '../filters/define.js';
import { TemplateEngine } from './engine.js';
import type { TemplateEngineOptions } from './engine.js';

/** Writes `files` (relative path → content) into a fresh temp folder and returns its path. Test support only. */
export function writeTemplateDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'liquid-rt-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content, 'utf8');
  }
  return dir;
}

/** An engine over a temp folder holding `files`. Test support only. */
export function engineFor(
  files: Record<string, string>,
  options: Partial<TemplateEngineOptions> & { filters?: FilterSpec[] } = {},
): TemplateEngine {
  return new TemplateEngine({ templateDirs: [writeTemplateDir(files)], filters: [], ...options });
}

/** Renders one template source as root `T` with `data`. Test support only. */
export function renderSource(source: string, data: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  return engineFor({ 'T.liquid': source, ...files }).render('T', data);
}
