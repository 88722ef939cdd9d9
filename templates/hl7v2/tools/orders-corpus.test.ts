import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hl7v2Mapper } from '../../../mappers/hl7v2/index.js';
import { createConverter } from '../../../pipelines/convert/converter.js';
import { createValidator } from '../../../validators/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'hl7v2');
const FAMILIES = /^(ORU|ORM|OML|OMG|OUL|VXU|SIU|MDM|DFT|BAR|RDE|RDS|REF|PPR|LAB|MDHHS|PC1)/;
const FIXED_NOW = new Date('2024-01-01T00:00:00Z');

interface Entry {
  resource: { resourceType: string };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

function corpusFiles(): string[] {
  return listFiles(CORPUS).filter((f) => FAMILIES.test(basename(f)) || f.includes('/extra/')).sort();
}

function countSegments(text: string, id: string): number {
  return text.split(/\r\n|\r|\n/).filter((l) => l.replace(/^\uFEFF/, '').startsWith(`${id}|`)).length;
}

function countResources(entries: Entry[], type: string): number {
  return entries.filter((e) => e.resource.resourceType === type).length;
}

describe('order/result families on the shared corpus', () => {
  const converter = createConverter({ mapper: hl7v2Mapper, now: () => FIXED_NOW, timeZone: 'UTC' });
  const validator = createValidator();
  const files = corpusFiles();

  it('finds the corpus or has nothing to check', () => {
    expect(files.length === 0 || files.length > 10).toBe(true);
  });

  for (const file of files) {
    it(`${file.slice(CORPUS.length + 1)} converts with zero validator errors and keeps every OBX`, () => {
      const text = readFileSync(file, 'utf8');
      const results = converter.convertText(text, { name: basename(file) });
      const errors = results.filter((r) => r.error).map((r) => `${r.error?.code ?? ''}: ${r.error?.message ?? ''}`);
      const entries = results.flatMap((r) => ((r.bundle?.entry ?? []) as Entry[]));
      const issues = results.flatMap((r) => (r.bundle ? validator.validate(r.bundle as never) : []))
        .filter((i) => i.severity === 'error' || i.severity === 'fatal')
        .map((i) => `${i.details.text} @ ${(i.expression ?? []).join(',')}`);
      const obx = countSegments(text, 'OBX');
      const obs = countResources(entries, 'Observation') + countResources(entries, 'DocumentReference');
      expect(errors).toEqual([]);
      expect(issues).toEqual([]);
      expect(obs).toBeGreaterThanOrEqual(obx > 0 ? 1 : 0);
    });
  }
});
