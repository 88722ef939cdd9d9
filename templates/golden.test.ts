import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { hl7v2Mapper } from '../mappers/hl7v2/index.js';
import { createConverter } from '../pipelines/convert/converter.js';
import type { ConversionResult } from '../pipelines/convert/converter.js';
import type { Issue } from '../pipelines/contracts/issue.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'fixtures', 'hl7v2');
const VALIDATOR_MODULE = join(ROOT, 'validators', 'index.ts');
const FIXED_NOW = new Date('2024-01-01T00:00:00Z');
/** Fixtures under this folder must fail to convert (parser error cases); they have no golden bundle. */
const EXPECT_FAILURE_DIR = 'bad';

interface CaseMeta {
  rootTemplate?: string;
  skip?: string;
}

interface GoldenCase {
  name: string;
  input: string;
  golden: string;
  meta: CaseMeta;
  expectFailure: boolean;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function discoverCases(): GoldenCase[] {
  return listFiles(FIXTURES)
    .filter((f) => f.endsWith('.hl7'))
    .sort()
    .map((input) => {
      const base = input.slice(0, -'.hl7'.length);
      const metaPath = `${base}.meta.yaml`;
      const meta = existsSync(metaPath) ? ((parseYaml(readFileSync(metaPath, 'utf8')) as CaseMeta | null) ?? {}) : {};
      const name = relative(FIXTURES, input);
      return { name, input, golden: `${base}.bundle.json`, meta, expectFailure: name.split('/')[0] === EXPECT_FAILURE_DIR };
    });
}

function convertCase(c: GoldenCase): ConversionResult[] {
  const converter = createConverter({ mapper: hl7v2Mapper, rootTemplate: c.meta.rootTemplate, now: () => FIXED_NOW, timeZone: 'UTC' });
  return converter.convertText(readFileSync(c.input, 'utf8'), { name: relative(ROOT, c.input) });
}

function goldenTextOf(results: ConversionResult[]): string {
  const bundles = results.map((r) => JSON.parse(r.json ?? 'null') as unknown);
  return `${JSON.stringify(bundles.length === 1 ? bundles[0] : bundles, null, 2)}\n`;
}

function errorSummary(results: ConversionResult[]): string {
  return results
    .filter((r) => r.error)
    .map((r) => `record ${String(r.source.record ?? 0)} (${r.rootTemplate ?? '?'}): ${r.error?.code ?? ''} ${r.error?.message ?? ''}`)
    .join('\n');
}

type Validate = (bundle: Record<string, unknown>) => Issue[];

async function loadValidator(): Promise<Validate | undefined> {
  if (!existsSync(VALIDATOR_MODULE)) return undefined;
  const mod = await import('../validators/index.js');
  const validator = mod.createValidator();
  return (bundle) => validator.validate(bundle as never);
}

const cases = discoverCases();
const validatorPromise = loadValidator();

describe('HL7v2 built-in collection golden bundles', () => {
  it('discovers fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    if (c.meta.skip) {
      it(`${c.name} (skipped in meta.yaml: ${c.meta.skip})`, () => {
        expect(c.meta.skip).toBeTruthy();
      });
      continue;
    }
    if (c.expectFailure) {
      it(`${c.name} fails to convert`, () => {
        const results = convertCase(c);
        expect(results.every((r) => r.error !== undefined)).toBe(true);
      });
      continue;
    }
    it(`${c.name} matches its golden bundle and validates`, async () => {
      const results = convertCase(c);
      expect(errorSummary(results)).toBe('');
      const actual = goldenTextOf(results);
      if (process.env.UPDATE_GOLDEN || !existsSync(c.golden)) {
        if (process.env.CI && !existsSync(c.golden)) throw new Error(`Missing golden ${relative(ROOT, c.golden)}; run UPDATE_GOLDEN=1 locally and review it.`);
        writeFileSync(c.golden, actual);
      }
      expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(c.golden, 'utf8')));
      const validate = await validatorPromise;
      if (!validate) {
        expect.soft(validate, 'validators/index.ts does not exist yet: golden bundles were not validated').toBeUndefined();
        return;
      }
      for (const bundle of results.map((r) => r.bundle ?? {})) {
        const issues = validate(bundle);
        const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
        expect(errors.map((e) => `${e.details.text} @ ${(e.expression ?? []).join(',')}`)).toEqual([]);
        const dangling = issues.filter((i) => i.details.coding?.some((c) => c.code === 'external-reference'));
        expect(dangling.map((e) => `${e.details.text} @ ${(e.expression ?? []).join(',')}`), 'every reference resolves inside the bundle').toEqual([]);
      }
    });
  }
});
