import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hl7v2Mapper } from '../mappers/hl7v2/index.js';
import { createConverter } from '../pipelines/convert/converter.js';
import type { Converter } from '../pipelines/convert/converter.js';
import { packageRoot } from '../templates/collections.js';
import { createValidator } from '../validators/index.js';
import type { BenchResult } from './types.js';

const FAMILIES = /^(ADT|ORU)_/;
const MIN_MS = 2000;
const FIXED_NOW = new Date('2024-01-01T00:00:00Z');

function fixtureMessages(): string[] {
  const dir = join(packageRoot(), 'fixtures', 'hl7v2');
  return readdirSync(dir)
    .filter((d) => FAMILIES.test(d) && statSync(join(dir, d)).isDirectory())
    .flatMap((d) => readdirSync(join(dir, d)).filter((f) => f.endsWith('.hl7')).map((f) => readFileSync(join(dir, d, f), 'utf8')));
}

function measure(converter: Converter, texts: string[]): { perSecond: number; messages: number } {
  let messages = 0;
  const started = performance.now();
  while (performance.now() - started < MIN_MS) {
    for (const text of texts) messages += converter.convertText(text, { name: 'bench' }).length;
  }
  return { perSecond: (messages * 1000) / (performance.now() - started), messages };
}

/** Messages/s of the built-in HL7v2 collection on the ADT/ORU fixtures: parse+render+postprocess, then with validation. */
export async function run(): Promise<BenchResult[]> {
  const texts = fixtureMessages();
  const validator = createValidator();
  const plain = createConverter({ mapper: hl7v2Mapper, now: () => FIXED_NOW });
  const validating = createConverter({ mapper: hl7v2Mapper, now: () => FIXED_NOW, validate: (b) => validator.validate(b as never) });
  measure(plain, texts);
  measure(validating, texts);
  const a = measure(plain, texts);
  const b = measure(validating, texts);
  const note = `${texts.length} ADT/ORU fixture files, one core`;
  return Promise.resolve([
    { name: 'hl7v2 built-in collection: parse+render+postprocess', value: a.perSecond, unit: 'messages/s', note },
    { name: 'hl7v2 built-in collection: with validation', value: b.perSecond, unit: 'messages/s', note },
  ]);
}
