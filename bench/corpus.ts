import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { convertBatch } from '../pipelines/convert/batch.js';
import type { ConversionResult } from '../pipelines/convert/converter.js';
import { createValidationStep } from '../pipelines/convert/validation.js';
import { MAPPERS } from '../mappers/registry.js';
import { sharedCorpusDir } from './shared-corpus.js';

/** Per-format tally of a corpus run. */
interface Tally {
  files: number;
  records: number;
  ok: number;
  invalid: number;
  failed: number;
  resources: number;
  failures: Map<string, number>;
}

const FOLDERS: Record<string, string> = { hl7v2: 'hl7v2', ccda: 'ccda', x12: 'x12', csv: 'csv' };

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

function describe(r: ConversionResult): string {
  if (r.error) return `FAILED ${r.error.code}: ${r.error.message}`;
  const errors = (r.issues ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const entries = Array.isArray(r.bundle?.entry) ? r.bundle.entry.length : 0;
  const head = `${r.rootTemplate} → ${entries} resources`;
  if (errors.length === 0) return `ok ${head}`;
  const first = errors[0];
  return `INVALID ${head}, ${errors.length} validation error(s); first: ${first.expression?.[0] ?? ''} ${first.details.text}`;
}

function main(): number {
  const corpus = sharedCorpusDir();
  if (!corpus) {
    console.log('corpus: ../shared/corpus not found; nothing to do (set INGEST_CORPUS to point at a corpus).');
    return 0;
  }
  const validate = createValidationStep();
  const tallies = new Map<string, Tally>();
  for (const [format, folder] of Object.entries(FOLDERS)) {
    const dir = join(corpus, folder);
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    const files = listFiles(dir);
    if (!MAPPERS[format]) {
      console.log(`\n## ${format}: ${files.length} files — skipped, no ${format} mapper yet`);
      continue;
    }
    console.log(`\n## ${format}: ${files.length} files`);
    const t: Tally = { files: files.length, records: 0, ok: 0, invalid: 0, failed: 0, resources: 0, failures: new Map() };
    tallies.set(format, t);
    convertBatch(files.map((path) => ({ path })), { format, validate }, (input, results) => {
      results.forEach((r, i) => {
        t.records += 1;
        const suffix = results.length > 1 ? `#${i + 1}` : '';
        console.log(`  ${relative(corpus, input.path)}${suffix}: ${describe(r)}`);
        if (r.error) {
          t.failed += 1;
          t.failures.set(r.error.code, (t.failures.get(r.error.code) ?? 0) + 1);
        } else if ((r.issues ?? []).some((x) => x.severity === 'error' || x.severity === 'fatal')) t.invalid += 1;
        else t.ok += 1;
        if (Array.isArray(r.bundle?.entry)) t.resources += r.bundle.entry.length;
      });
    });
  }
  console.log('\n## Summary');
  console.log('format  files  records  ok  invalid  failed  resources');
  for (const [format, t] of tallies) {
    console.log(`${format.padEnd(7)} ${String(t.files).padStart(5)} ${String(t.records).padStart(8)} ${String(t.ok).padStart(3)} ${String(t.invalid).padStart(8)} ${String(t.failed).padStart(7)} ${String(t.resources).padStart(10)}`);
    for (const [code, n] of t.failures) console.log(`        failures ${code}: ${n}`);
  }
  return 0;
}

process.exitCode = main();
