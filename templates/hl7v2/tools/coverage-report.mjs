#!/usr/bin/env node
// Renders the remaining-unmapped table of docs/hl7v2-coverage.md from a lossiness report.
// Usage: node templates/hl7v2/tools/coverage-report.mjs <out>/lossiness-report.json > table.md
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const report = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/cov/lossiness-report.json', 'utf8'));
const reasons = JSON.parse(readFileSync(join(here, 'coverage-justifications.json'), 'utf8'));

function reasonFor(segment, field) {
  const text = reasons[`${segment}-${field}`] ?? reasons[segment] ?? 'UNJUSTIFIED';
  return text === 'SET_ID' ? reasons.SET_ID : text;
}

const rows = new Map();
for (const record of report.records) {
  for (const position of record.unused) {
    const [segment, rest] = position.split('-');
    const [field, component] = rest.split('.');
    const key = `${segment}-${field}`;
    const row = rows.get(key) ?? { segment, field: Number(field), count: 0, components: new Set() };
    row.count++;
    row.components.add(Number(component));
    rows.set(key, row);
  }
}
const sorted = [...rows.values()].sort((a, b) => a.segment.localeCompare(b.segment) || a.field - b.field);
console.log('| Position | Components | Count | Why it has no output |');
console.log('|---|---|---:|---|');
for (const row of sorted) {
  const comps = [...row.components].sort((a, b) => a - b).join(', ');
  console.log(`| ${row.segment}-${row.field} | ${comps} | ${row.count} | ${reasonFor(row.segment, row.field).replace(/\|/g, '\\|')} |`);
}
const missing = sorted.filter((r) => reasonFor(r.segment, r.field) === 'UNJUSTIFIED').length;
if (missing > 0) console.error(`${missing} position(s) without a justification`);
