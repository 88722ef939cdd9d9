import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ccdaMapper } from '../../mappers/ccda/index.js';
import { hl7v2Mapper } from '../../mappers/hl7v2/index.js';
import { documentedFilters } from '../../templates/filter-docs.js';
import { ALL_FILTERS } from '../../templates/filters/all.js';
import { TemplateEngine } from '../../templates/runtime/engine.js';
import { TAGS } from '../../templates/runtime/tags/index.js';
import type { MapperSpec } from '../contracts/mapper.js';
import { createConverter } from './converter.js';

/**
 * Runs the Microsoft-style collection in fixtures/msfc-style (our own templates, written in the layout and idioms of
 * msfc-compat §2) as a foreign collection (`--template-dir` + `noBuiltIn`) and compares the Newtonsoft-indented text
 * byte for byte with hand-computed bundles. Expected files write ids as `@uuid(<generate_id_input text>)`; the test
 * computes them with the algorithm of msfc-compat §7.1, independently of the filter implementation. C-CDA ids hash
 * `to_json_string` of a sub-mapping (§4.6), so their placeholders hold that compact JSON.
 */

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures', 'msfc-style');

/** msfc-compat §7.1 generate_uuid: SHA-256, bytes 0..15 as .NET GUID text (first three groups byte-reversed). */
function dotNetGuidOfSha256(text: string): string {
  const b = [...createHash('sha256').update(text, 'utf8').digest().subarray(0, 16)].map((x) => x.toString(16).padStart(2, '0'));
  const group = (indexes: number[]): string => indexes.map((i) => b[i]).join('');
  return [group([3, 2, 1, 0]), group([5, 4]), group([7, 6]), group([8, 9]), group([10, 11, 12, 13, 14, 15])].join('-');
}

const UUID_PLACEHOLDER = /@uuid\(([^()]*)\)/g;

/** Placeholders sit inside JSON strings, so their input text is JSON-escaped (`\"`); innermost first. */
function resolveIds(text: string): string {
  let current = text;
  while (UUID_PLACEHOLDER.test(current)) {
    current = current.replace(UUID_PLACEHOLDER, (_m, input: string) => dotNetGuidOfSha256(JSON.parse(`"${input}"`) as string));
  }
  return current;
}

function convert(mapper: MapperSpec, collection: string, input: string): string {
  const converter = createConverter({ mapper, templateDirs: [join(ROOT, collection)], noBuiltIn: true, timeZone: 'UTC' });
  const [result] = converter.convertText(readFileSync(join(ROOT, 'input', input), 'utf8'), { name: input });
  if (result.error) throw result.error;
  return result.json ?? '';
}

describe('generate_uuid reference algorithm (msfc-compat §7.1 worked example)', () => {
  it('hello → ba4df22c-b05f-0ea3-26e8-3b2ac5b9e29e', () => {
    expect(dotNetGuidOfSha256('hello')).toBe('ba4df22c-b05f-0ea3-26e8-3b2ac5b9e29e');
  });
});

describe('Microsoft-style HL7v2 collection through createConverter', () => {
  it.each([
    ['adt-a01.hl7', 'adt-a01.json'],
    ['oru-r01.hl7', 'oru-r01.json'],
  ])('%s → expected/%s byte for byte', (input, expected) => {
    const want = resolveIds(readFileSync(join(ROOT, 'expected', expected), 'utf8'));
    expect(convert(hl7v2Mapper as MapperSpec, 'Hl7v2', input)).toBe(want);
  });
});

describe('Microsoft-style C-CDA collection through createConverter', () => {
  it('ccd.xml → expected/ccd.json byte for byte', () => {
    const want = resolveIds(readFileSync(join(ROOT, 'expected', 'ccd.json'), 'utf8'));
    expect(convert(ccdaMapper as MapperSpec, 'Ccda', 'ccd.xml')).toBe(want);
  });
});

interface CompanionCase {
  input: string;
  output: string;
}

const MAPPER_BY_EXTENSION: Record<string, MapperSpec> = { '.hl7': hl7v2Mapper as MapperSpec, '.xml': ccdaMapper as MapperSpec };

function modelData(input: string): Record<string, unknown> {
  const mapper = MAPPER_BY_EXTENSION[input.slice(input.lastIndexOf('.'))];
  const [record] = mapper.parse(readFileSync(join(ROOT, 'input', input), 'utf8'), { name: input });
  return { [mapper.dataKey]: record.model };
}

const CASES = parseYaml(readFileSync(join(ROOT, 'filters', 'cases.yaml'), 'utf8')) as Record<string, CompanionCase>;

describe('companion tag and filter templates (fixtures/msfc-style/filters)', () => {
  const engine = new TemplateEngine({
    templateDirs: [join(ROOT, 'filters')],
    filters: ALL_FILTERS,
    now: () => new Date(Date.UTC(2024, 2, 5, 6, 7, 8)),
  });
  it.each(Object.entries(CASES))('%s', (root, { input, output }) => {
    expect(engine.render(root, modelData(input))).toBe(output);
  });
});

function liquidSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.liquid'))
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

describe('coverage of the Microsoft-style fixtures', () => {
  const sources = liquidSources(ROOT).join('\n');

  it('every tag is used by the collections or the companion templates', () => {
    const missing = Object.keys(TAGS).filter((tag) => !new RegExp(`\\{%-?\\s*${tag}\\b`).test(sources));
    expect(missing).toEqual([]);
    for (const branch of ['elsif', 'elseif', 'else if', 'when']) expect(sources, branch).toMatch(new RegExp(`\\{%-?\\s*${branch}\\b`));
  });

  it('every filter is used there or has a declared example (rendered by templates/filter-docs.test.ts)', () => {
    const used = (name: string): boolean => new RegExp(`\\|\\s*${name}\\b`).test(sources);
    const missing = documentedFilters().filter((spec) => !used(spec.name) && (spec.examples ?? []).length === 0).map((spec) => spec.name);
    expect(missing).toEqual([]);
  });
});
