import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const AREAS = ['cli', 'pipelines', 'connectors', 'mappers', 'templates', 'validators', 'bench'] as const;
type Area = (typeof AREAS)[number] | 'contracts';

/** Where each area may import from (docs/architecture.md "Dependency arrows"). */
const ALLOWED: Record<Area, Area[]> = {
  contracts: ['contracts'],
  mappers: ['contracts', 'mappers'],
  templates: ['contracts', 'templates'],
  validators: ['contracts', 'validators'],
  connectors: ['contracts', 'connectors'],
  pipelines: ['contracts', 'pipelines', 'connectors', 'mappers', 'templates', 'validators'],
  cli: ['contracts', 'cli', 'pipelines', 'connectors', 'mappers', 'templates', 'validators'],
  bench: ['contracts', 'bench', 'cli', 'pipelines', 'connectors', 'mappers', 'templates', 'validators'],
};

/** The template value model is a shared contract that data models (HL7 drops) build on. */
const SHARED_VALUE_MODEL = new Set(['templates/runtime/values.ts', 'templates/runtime/dotnet-text.ts', 'templates/runtime/dotnet-date.ts']);

function areaOf(file: string): Area | undefined {
  if (file.startsWith('pipelines/contracts/')) return 'contracts';
  const top = file.split('/')[0];
  return (AREAS as readonly string[]).includes(top) ? (top as Area) : undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

describe('architecture: dependency arrows', () => {
  const files = AREAS.flatMap((a) => sourceFiles(join(ROOT, a)));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every import points down the arrows cli → pipelines → {connectors, mappers, templates, validators} → contracts', () => {
    const violations: string[] = [];
    for (const file of files) {
      const rel = relative(ROOT, file);
      const from = areaOf(rel);
      if (!from) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        const target = relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
        if (SHARED_VALUE_MODEL.has(target)) continue;
        const to = areaOf(target);
        if (to && !ALLOWED[from].includes(to)) violations.push(`${rel} → ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('format folders of mappers do not import each other', () => {
    const violations: string[] = [];
    for (const file of files.filter((f) => relative(ROOT, f).startsWith('mappers/'))) {
      const rel = relative(ROOT, file);
      const own = rel.split('/')[1];
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = relative(ROOT, resolve(dirname(file), m[1] ?? m[2]));
        const parts = target.split('/');
        if (parts[0] === 'mappers' && parts.length > 2 && own !== parts[1] && !rel.startsWith('mappers/registry')) {
          violations.push(`${rel} → ${target}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
