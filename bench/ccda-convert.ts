import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { convertCcdaToFhir, convertXmlToCcda } from '@medplum/ccda';
import { ccdaMapper } from '../mappers/ccda/index.js';
import { createConverter } from '../pipelines/convert/converter.js';
import { packageRoot } from '../templates/collections.js';
import { sharedCorpusDir } from './shared-corpus.js';
import type { BenchResult } from './types.js';

/** Resource types counted as clinical content (header, document and provenance resources are not). */
const CLINICAL_TYPES = new Set([
  'AllergyIntolerance', 'CarePlan', 'Condition', 'Coverage', 'DeviceUseStatement', 'DiagnosticReport', 'Encounter',
  'FamilyMemberHistory', 'Goal', 'Immunization', 'MedicationRequest', 'MedicationStatement', 'Observation', 'Procedure',
  'ServiceRequest',
]);

interface Doc {
  name: string;
  text: string;
  bytes: number;
}

interface Counts {
  total: number;
  byType: Record<string, number>;
}

type Convert = (text: string) => { entry?: { resource?: { resourceType?: string } }[] } | undefined;

function listDocs(): { docs: Doc[]; source: string } {
  const shared = sharedCorpusDir();
  const dir = shared && existsSync(join(shared, 'ccda')) ? join(shared, 'ccda') : join(packageRoot(), 'fixtures', 'ccda');
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? (f === 'bad' || f === 'examples' ? [] : walk(join(d, f))) : [join(d, f)]));
  const docs = walk(dir)
    .filter((f) => f.endsWith('.ccda'))
    .sort()
    .map((f) => {
      const text = readFileSync(f, 'utf8');
      return { name: relative(dir, f), text, bytes: Buffer.byteLength(text, 'utf8') };
    });
  return { docs, source: shared && dir.startsWith(shared) ? '../shared/corpus/ccda' : 'fixtures/ccda' };
}

function countClinical(bundle: ReturnType<Convert>): Counts {
  const byType: Record<string, number> = {};
  for (const e of bundle?.entry ?? []) {
    const type = e.resource?.resourceType;
    if (type && CLINICAL_TYPES.has(type)) byType[type] = (byType[type] ?? 0) + 1;
  }
  return { total: Object.values(byType).reduce((a, b) => a + b, 0), byType };
}

function tryConvert(convert: Convert, text: string): { counts?: Counts; error?: string } {
  try {
    return { counts: countClinical(convert(text)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message.split('\n')[0].slice(0, 80) : 'error' };
  }
}

interface Rate {
  docsPerSec: number;
  mbPerSec: number;
}

/** Converts every document repeatedly for at least `minMs` and returns the rate. */
function slice(docs: Doc[], bytes: number, convert: Convert, minMs: number): Rate {
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (const d of docs) convert(d.text);
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { docsPerSec: (rounds * docs.length) / seconds, mbPerSec: (rounds * bytes) / seconds / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median rates of `a` and `b` and the median of their per-round ratio, measured interleaved (A B A B …) so neighbour noise hits both. */
function interleaved(docs: Doc[], a: Convert, b: Convert, rounds = 7, sliceMs = 400): { a: Rate; b: Rate; ratio: number } {
  const bytes = docs.reduce((n, d) => n + d.bytes, 0);
  slice(docs, bytes, a, sliceMs);
  slice(docs, bytes, b, sliceMs);
  const as: Rate[] = [];
  const bs: Rate[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(slice(docs, bytes, a, sliceMs));
    bs.push(slice(docs, bytes, b, sliceMs));
  }
  const med = (rates: Rate[]): Rate => ({ docsPerSec: median(rates.map((x) => x.docsPerSec)), mbPerSec: median(rates.map((x) => x.mbPerSec)) });
  return { a: med(as), b: med(bs), ratio: median(as.map((x, i) => x.docsPerSec / bs[i].docsPerSec)) };
}

function oursConverter(): Convert {
  const converter = createConverter({ mapper: ccdaMapper });
  return (text) => {
    const [result] = converter.convertText(text, { name: 'bench.ccda' });
    if (result.error) throw result.error;
    return result.bundle as ReturnType<Convert>;
  };
}

const medplum: Convert = (text) => convertCcdaToFhir(convertXmlToCcda(text)) as ReturnType<Convert>;

function cell(r: { counts?: Counts; error?: string }): string {
  return r.counts ? String(r.counts.total) : `throws (${r.error?.replace(/\|/g, '/') ?? ''})`;
}

function typeList(c: Counts | undefined): string {
  return c ? Object.entries(c.byType).sort().map(([t, n]) => `${t} ${n}`).join(', ') : '';
}

function writeCoverage(rows: { doc: Doc; ours: ReturnType<typeof tryConvert>; theirs: ReturnType<typeof tryConvert> }[], source: string, figures: string[]): void {
  const lines = [
    '# C-CDA coverage: Moonlitic Ingest vs @medplum/ccda',
    '',
    '<!-- AUTOGENERATED by `npm run bench -- ccda-convert` (bench/ccda-convert.ts); do not edit by hand. -->',
    '',
    `Documents: ${rows.length} from \`${source}\`. Clinical resources = ${[...CLINICAL_TYPES].join(', ')}`,
    '(patient, practitioner, organization, Composition, DocumentReference, Binary and Provenance are not counted).',
    '',
    ...figures.map((f) => `- ${f}`),
    '',
    '| Document | Ours | @medplum/ccda | Ours by type | @medplum/ccda by type |',
    '|---|---:|---:|---|---|',
    ...rows.map(({ doc, ours, theirs }) => `| ${basename(doc.name)} | ${cell(ours)} | ${cell(theirs)} | ${typeList(ours.counts)} | ${typeList(theirs.counts)} |`),
    '',
  ];
  writeFileSync(join(packageRoot(), 'docs', 'ccda-coverage.md'), lines.join('\n'));
}

/** Documents/s and MB/s of our C-CDA conversion vs @medplum/ccda on the same documents, and per-document clinical resource counts (docs/ccda-coverage.md). */
export async function run(): Promise<BenchResult[]> {
  const { docs, source } = listDocs();
  const ours = oursConverter();
  const rows = docs.map((doc) => ({ doc, ours: tryConvert(ours, doc.text), theirs: tryConvert(medplum, doc.text) }));
  const both = rows.filter((r) => r.ours.counts && r.theirs.counts).map((r) => r.doc);
  const converted = rows.filter((r) => r.ours.counts).map((r) => r.doc);
  const { a: oursBoth, b: theirsBoth, ratio } = interleaved(both, ours, medplum);
  const oursAll = slice(converted, converted.reduce((n, d) => n + d.bytes, 0), ours, 1500);
  const note = `${both.length} of ${docs.length} documents both convert (${source})`;
  const figures = [
    `ours: ${converted.length}/${docs.length} documents convert; @medplum/ccda: ${rows.filter((r) => r.theirs.counts).length}/${docs.length}.`,
    `On the ${both.length} documents both convert: ours ${oursBoth.docsPerSec.toFixed(0)} documents/s (${oursBoth.mbPerSec.toFixed(1)} MB/s), @medplum/ccda ${theirsBoth.docsPerSec.toFixed(0)} documents/s (${theirsBoth.mbPerSec.toFixed(1)} MB/s), ratio ${ratio.toFixed(2)}× (medians of 7 interleaved rounds).`,
    `Clinical resources on those documents: ours ${sumOf(rows, 'ours', both)}, @medplum/ccda ${sumOf(rows, 'theirs', both)}.`,
  ];
  writeCoverage(rows, source, figures);
  return [
    { name: 'ccda convert (ours, docs both convert)', value: Math.round(oursBoth.docsPerSec), unit: 'documents/s', note },
    { name: 'ccda convert (ours, docs both convert)', value: Number(oursBoth.mbPerSec.toFixed(1)), unit: 'MB/s', note },
    { name: 'ccda convert (@medplum/ccda, docs both convert)', value: Math.round(theirsBoth.docsPerSec), unit: 'documents/s', note },
    { name: 'ccda convert (@medplum/ccda, docs both convert)', value: Number(theirsBoth.mbPerSec.toFixed(1)), unit: 'MB/s', note },
    { name: 'ccda convert ours / @medplum/ccda (median per-round ratio)', value: Number(ratio.toFixed(2)), unit: '×', note },
    { name: 'ccda convert (ours, every document)', value: Math.round(oursAll.docsPerSec), unit: 'documents/s', note: `${converted.length}/${docs.length} convert` },
  ];
}

function sumOf(rows: { doc: Doc; ours: ReturnType<typeof tryConvert>; theirs: ReturnType<typeof tryConvert> }[], side: 'ours' | 'theirs', docs: Doc[]): number {
  return rows.filter((r) => docs.includes(r.doc)).reduce((n, r) => n + (r[side].counts?.total ?? 0), 0);
}
