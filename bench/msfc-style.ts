import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hl7v2Mapper } from '../mappers/hl7v2/index.js';
import { createConverter } from '../pipelines/convert/converter.js';
import { packageRoot } from '../templates/collections.js';
import { sharedCorpusDir } from './shared-corpus.js';
import type { BenchResult } from './types.js';

const MIN_MS = 2000;
const ROOTS = new Set(['ADT_A01', 'ORU_R01']);

/** ADT^A01 and ORU^R01 messages from the shared corpus (when present) and the project's fixtures. */
function messages(): string[] {
  const dirs = [join(packageRoot(), 'fixtures', 'hl7v2', 'ADT_A01'), join(packageRoot(), 'fixtures', 'hl7v2', 'ORU_R01')];
  const corpus = sharedCorpusDir();
  if (corpus) dirs.push(join(corpus, 'hl7v2'));
  const texts: string[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((n) => /\.(hl7|txt)$/i.test(n))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const records = hl7v2Mapper.parse(text, { name: f });
      if (records.length === 1 && ROOTS.has(records[0].rootTemplate ?? '')) texts.push(text);
    }
  }
  return texts;
}

/**
 * Messages/s of a Microsoft-style collection run unmodified (`fixtures/msfc-style/Hl7v2`, written by us in the
 * reference's layout and idioms) through the full engine: parse, render, post-process. Target ≥ 400 messages/s.
 */
export async function run(): Promise<BenchResult[]> {
  const texts = messages();
  const converter = createConverter({
    mapper: hl7v2Mapper,
    templateDirs: [join(packageRoot(), 'fixtures', 'msfc-style', 'Hl7v2')],
    noBuiltIn: true,
    now: () => new Date('2024-01-01T00:00:00Z'),
  });
  let bytes = 0;
  for (const t of texts) bytes += Buffer.byteLength(t);
  for (const t of texts) converter.convertText(t, { name: 'warmup' });
  let count = 0;
  let failed = 0;
  const started = performance.now();
  while (performance.now() - started < MIN_MS) {
    for (const t of texts) {
      for (const r of converter.convertText(t, { name: 'bench' })) {
        count += 1;
        if (r.error) failed += 1;
      }
    }
  }
  const secs = (performance.now() - started) / 1000;
  const note = `${texts.length} ADT^A01/ORU^R01 messages (${(bytes / 1024).toFixed(0)} KB), ${failed} failed, one core`;
  return Promise.resolve([{ name: 'msfc-style collection: parse+render+postprocess', value: count / secs, unit: 'messages/s', note }]);
}
