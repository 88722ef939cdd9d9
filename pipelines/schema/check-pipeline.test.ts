import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPipelineText } from './check-pipeline.js';
import { DEFAULT_CATALOG } from './catalog.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const check = (text: string) => checkPipelineText(text, 'p.yaml', DEFAULT_CATALOG);
const BASE = 'name: t\nsource:\n  type: file\n  path: in\nsinks:\n  - type: ndjson\n    path: out.ndjson\n';

describe('pipeline files', () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml')))('example %s is valid', (f) => {
    const { problems } = checkPipelineText(readFileSync(join(EXAMPLES, f), 'utf8'), join(EXAMPLES, f), DEFAULT_CATALOG);
    expect(problems).toEqual([]);
  });

  it('fills defaults', () => {
    const { config, problems } = check(BASE);
    expect(problems).toEqual([]);
    expect(config?.retry).toEqual({ maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 30000, multiplier: 2 });
    expect(config?.validation.policy).toBe('strict');
    expect(config?.mapper).toMatchObject({ format: 'auto', builtIn: true, templates: [], timeZone: 'UTC' });
    expect(config?.concurrency).toBe(1);
    expect(config?.source).toEqual({ type: 'file', config: expect.objectContaining({ path: 'in', after: 'keep', watch: false }) });
    expect(config?.sinks[0]).toEqual({ type: 'ndjson', config: expect.objectContaining({ path: 'out.ndjson', format: 'ndjson' }) });
  });

  it('names line, key and the likely fix for an unknown key', () => {
    const { problems } = check(BASE.replace('  - type: ndjson', '  - typ: ndjson'));
    const unknown = problems.find((p) => p.message.includes('Unknown key'));
    expect(unknown).toMatchObject({ path: 'sinks[0].typ', line: 6, col: 5 });
    expect(unknown?.suggestion).toContain('Did you mean `type`?');
  });

  it('suggests the nearest connector type and tells sources from sinks', () => {
    expect(check(BASE.replace('type: ndjson', 'type: ndjsn')).problems[0]).toMatchObject({ path: 'sinks[0].type', line: 6, suggestion: expect.stringContaining('`ndjson`') });
    expect(check(BASE.replace('type: file', 'type: ndjson')).problems[0].message).toContain('is a sink');
  });

  it('reports missing keys, bad enums and wrong types with positions', () => {
    const { problems } = check(`${BASE}validation:\n  policy: strik\nconcurrency: two\n`.replace('  path: in\n', ''));
    expect(problems.map((p) => [p.path, p.line])).toEqual(
      expect.arrayContaining([
        ['source', 3],
        ['validation.policy', 8],
        ['concurrency', 9],
      ]),
    );
    expect(problems.find((p) => p.path === 'validation.policy')?.suggestion).toContain('`strict`');
    expect(problems.find((p) => p.path === 'source')?.message).toContain('`path`');
  });

  it('reports YAML syntax errors with a line', () => {
    const { problems } = check('name: t\nsource: [\n');
    expect(problems[0].message).toMatch(/^YAML syntax/);
    expect(problems[0].line).toBeGreaterThan(1);
  });

  it('rejects unsafe pipeline names with a fix', () => {
    expect(check(BASE.replace('name: t', 'name: my pipe/1')).problems[0].suggestion).toContain('my-pipe-1');
  });
});
