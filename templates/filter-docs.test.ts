import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILTER_DOCS_PATH, documentedFilters, renderFilterDocs } from './filter-docs.js';
import { ALL_FILTERS } from './filters/all.js';
import { TemplateEngine } from './runtime/engine.js';
import { writeTemplateDir } from './runtime/test-helpers.js';

const DOC_FILE = join(import.meta.dirname, '..', FILTER_DOCS_PATH);
const FIXED_NOW = new Date(Date.UTC(2024, 2, 5, 6, 7, 8, 90));

/**
 * An output whose markup holds `}}` inside a quoted string ends at that `}}` in DotLiquid (msfc-compat §6.1), so such
 * an example cannot be written as a template; it is skipped with this reason until its owner rewrites it.
 */
function unparseableReason(template: string): string | undefined {
  let quote = '';
  let inOutput = false;
  for (let i = 0; i < template.length; i++) {
    const pair = template.slice(i, i + 2);
    if (!inOutput) {
      if (pair === '{{') inOutput = true;
      continue;
    }
    if (quote) {
      if (pair === '}}') return 'holds }} in a quoted string inside {{ … }}, which DotLiquid cannot parse';
      if (template[i] === quote) quote = '';
    } else if (template[i] === "'" || template[i] === '"') quote = template[i];
    else if (pair === '}}') inOutput = false;
  }
  return undefined;
}

const examples = documentedFilters().flatMap((spec) =>
  (spec.examples ?? []).map((example, index) => ({ key: `${spec.name}#${index + 1}`, spec, example })),
);
const runnable = examples.filter(({ example }) => unparseableReason(example.template) === undefined);
const skipped = examples.filter(({ example }) => unparseableReason(example.template) !== undefined);

const files: Record<string, string> = {};
for (const { key, example } of runnable) files[`${key.replace('#', '_')}.liquid`] = example.template;
const engine = new TemplateEngine({ templateDirs: [writeTemplateDir(files)], filters: ALL_FILTERS, now: () => FIXED_NOW });

describe('declared filter examples render through the engine', () => {
  it.each(runnable.map(({ key, example }) => [key, example] as const))('%s', (key, example) => {
    expect(engine.render(key.replace('#', '_'), example.data ?? {})).toBe(example.output);
  });

  it('skips only examples DotLiquid cannot parse', () => {
    for (const { key, example } of skipped) expect(unparseableReason(example.template), key).toBeDefined();
    expect(skipped.length).toBeLessThanOrEqual(2);
  });
});

describe('docs/filters.md', () => {
  it('documents every filter with a summary', () => {
    const text = renderFilterDocs();
    for (const spec of documentedFilters()) {
      expect(spec.summary.length, spec.name).toBeGreaterThan(5);
      expect(text).toContain(`### \`${spec.name}\``);
    }
  });

  it('equals the generated text (UPDATE_DOCS=1 regenerates)', () => {
    const generated = renderFilterDocs();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC_FILE, generated, 'utf8');
    expect(readFileSync(DOC_FILE, 'utf8')).toBe(generated);
  });
});
