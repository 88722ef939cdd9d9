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

function measure(texts: string[], parse: (text: string) => unknown, minMs = 1500): { docsPerSec: number; mbPerSec: number } {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  for (const t of texts) parse(t);
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (const t of texts) parse(t);
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { docsPerSec: (rounds * texts.length) / seconds, mbPerSec: (rounds * bytes) / seconds / 1e6 };
}

/** Parse-to-model throughput of the C-CDA mapper, with fast-xml-parser's tree-only parse for comparison. */
export async function run(): Promise<BenchResult[]> {
  const { texts, note } = corpus();
  const ours = measure(texts, (t) => parseCcda(t));
  const fxp = new XMLParser({ ignoreAttributes: false, preserveOrder: true, commentPropName: '#comment', processEntities: true, parseTagValue: false });
  const theirs = measure(texts, (t) => fxp.parse(t));
  return [
    { name: 'ccda parse-to-model', value: Math.round(ours.docsPerSec), unit: 'documents/s', note },
    { name: 'ccda parse-to-model', value: Number(ours.mbPerSec.toFixed(1)), unit: 'MB/s', note },
    { name: 'fast-xml-parser tree only (comparison)', value: Number(theirs.mbPerSec.toFixed(1)), unit: 'MB/s', note },
  ];
}
