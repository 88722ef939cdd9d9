import { performance } from 'node:perf_hooks';
import { postProcess } from '../templates/postprocess/index.js';
import type { BenchResult } from './types.js';

/**
 * Post-processing throughput (msfc-compat §8) on synthetic template-style output: trailing and repeated commas,
 * empty strings and containers to prune, repeated entries to merge. Baseline: `JSON.parse` + `JSON.stringify(v,
 * null, 2)` of the equivalent clean JSON.
 */

const TARGET_BYTES = 100 * 1024;
const MIN_MEASURE_MS = 400;

function renderEntry(i: number): string {
  const id = `p${i % 40}`;
  return [
    `{"fullUrl":"urn:uuid:${id}","resource":{"resourceType":"${i % 3 === 0 ? 'Observation' : 'Patient'}","id":"${id}",`,
    `"meta":{"versionId":"","profile":["http://example.org/StructureDefinition/p${i % 5}",],},`,
    `"identifier":[{"system":"urn:oid:2.16.840.1.113883.19.5","value":"MRN${1000 + i}","type":{"coding":[{"code":"",}]}},],`,
    `"name":[{"family":"Family${i % 17}","given":["Given${i % 11}","",],"suffix":[""],},],`,
    `"valueQuantity":{"value":${(i % 50) / 4 + 0.5},"unit":"mg","code":""},"effectiveDateTime":"2024-0${1 + (i % 9)}-1${i % 10}",`,
    `"extension":[],"contained":[{}],"text":{"div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">Entry ${i}</div>"},`,
    `"active":${i % 2 === 0},"multipleBirthInteger":${i % 4},"note":[{"text":"line one\\nline two \\u00e9"}],},`,
    `"request":{"method":"PUT","url":"Patient/${id}",},},`,
  ].join('\n      ');
}

/** Deterministic ~100 KB rendered output. */
export function syntheticRenderedBundle(targetBytes: number = TARGET_BYTES): string {
  const parts = ['{\n  "resourceType":"Bundle",\n  "type":"batch",\n  "timestamp":"",\n  "entry":[\n'];
  let size = parts[0].length;
  for (let i = 0; size < targetBytes; i++) {
    const entry = '    ' + renderEntry(i) + '\n';
    parts.push(entry);
    size += entry.length;
  }
  parts.push('  ],\n}\n');
  return parts.join('');
}

function measureMBps(bytes: number, work: () => void): number {
  for (let i = 0; i < 5; i++) work();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MEASURE_MS) {
    work();
    runs++;
    elapsed = performance.now() - start;
  }
  return (bytes * runs) / (elapsed / 1000) / (1024 * 1024);
}

export async function run(): Promise<BenchResult[]> {
  const rendered = syntheticRenderedBundle();
  const result = postProcess(rendered);
  const clean = JSON.stringify(result.value);
  const toValue = measureMBps(rendered.length, () => void postProcess(rendered).value);
  const withText = measureMBps(rendered.length, () => void postProcess(rendered).json);
  const baseline = measureMBps(clean.length, () => void JSON.stringify(JSON.parse(clean), null, 2));
  const kb = (n: number): string => `${Math.round(n / 1024)} KB`;
  return [
    {
      name: 'postprocess to value (lenient parse + prune + merge)',
      value: Number(toValue.toFixed(1)),
      unit: 'MB/s',
      note: `${kb(rendered.length)} rendered; what a conversion pays (the text is written on first read of .json)`,
    },
    {
      name: 'postprocess + Newtonsoft text (.json read)',
      value: Number(withText.toFixed(1)),
      unit: 'MB/s',
      note: `${kb(rendered.length)} rendered → ${kb(result.json.length)} json; ${(withText / baseline).toFixed(2)}× baseline`,
    },
    {
      name: 'postprocess baseline (JSON.parse + JSON.stringify indent 2, clean input)',
      value: Number(baseline.toFixed(1)),
      unit: 'MB/s',
      note: `${kb(clean.length)} clean JSON`,
    },
  ];
}
