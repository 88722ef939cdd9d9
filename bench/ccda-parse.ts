import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseCcda } from '../mappers/ccda/parse-ccda.js';
import { packageRoot } from '../templates/collections.js';
import { sharedCorpusDir } from './shared-corpus.js';
import type { BenchResult } from './types.js';

/** The shared corpus's C-CDA documents, or the CCD fixtures (resolved from the package root, not from dist/). */
function corpus(): { texts: string[]; note: string } {
  const sharedRoot = sharedCorpusDir();
  const shared = sharedRoot === undefined ? undefined : join(sharedRoot, 'ccda');
  const dir = shared !== undefined && existsSync(shared) ? shared : join(packageRoot(), 'fixtures', 'ccda', 'CCD');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ccda'));
  return { texts: files.map((f) => readFileSync(join(dir, f), 'utf8')), note: `${files.length} documents from ${dir === shared ? '../shared/corpus/ccda' : 'fixtures/ccda/CCD'}` };
}

interface Rate {
  docsPerSec: number;
  mbPerSec: number;
}

function slice(texts: string[], bytes: number, parse: (text: string) => unknown, minMs: number): Rate {
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (const t of texts) parse(t);
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { docsPerSec: (rounds * texts.length) / seconds, mbPerSec: (rounds * bytes) / seconds / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median rates of two parsers measured interleaved (A B A B …, 7 rounds) so neighbour noise hits both. */
function interleaved(texts: string[], a: (text: string) => unknown, b: (text: string) => unknown, rounds = 7, sliceMs = 400): [Rate, Rate] {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  slice(texts, bytes, a, sliceMs);
  slice(texts, bytes, b, sliceMs);
  const as: Rate[] = [];
  const bs: Rate[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(slice(texts, bytes, a, sliceMs));
    bs.push(slice(texts, bytes, b, sliceMs));
  }
  const med = (rates: Rate[]): Rate => ({ docsPerSec: median(rates.map((x) => x.docsPerSec)), mbPerSec: median(rates.map((x) => x.mbPerSec)) });
  return [med(as), med(bs)];
}

/** Parse-to-model throughput of the C-CDA mapper, with fast-xml-parser's tree-only parse for comparison. */
export async function run(): Promise<BenchResult[]> {
  const { texts, note } = corpus();
  const fxp = new XMLParser({ ignoreAttributes: false, preserveOrder: true, commentPropName: '#comment', processEntities: true, parseTagValue: false });
  const [ours, theirs] = interleaved(texts, (t) => parseCcda(t), (t) => fxp.parse(t));
  return [
    { name: 'ccda parse-to-model', value: Math.round(ours.docsPerSec), unit: 'documents/s', note },
    { name: 'ccda parse-to-model', value: Number(ours.mbPerSec.toFixed(1)), unit: 'MB/s', note },
    { name: 'fast-xml-parser tree only (comparison)', value: Number(theirs.mbPerSec.toFixed(1)), unit: 'MB/s', note },
  ];
}
