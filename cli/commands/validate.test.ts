import { describe, it, expect, afterEach } from 'vitest';
import { Command } from 'commander';
import { registerValidateCommand, runValidateCommand } from './validate.js';

const VALID = 'fixtures/fhir/valid';
const INVALID = 'fixtures/fhir/invalid';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runValidateCommand(args.filter((a) => !a.startsWith('--')), { profile: [], package: [], json: args.includes('--json') }, (t) => {
    out += t;
  });
  return { code, out };
}

describe('ingest validate', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('exits 0 on a folder of valid resources and bundles', async () => {
    const { code, out } = await run([VALID]);
    expect(out.split('\n').filter((l) => l.includes('  error  '))).toEqual([]);
    expect(code).toBe(0);
  });

  it('prints one line per issue and exits 3 on validation errors', async () => {
    const { code, out } = await run([`${INVALID}/bundle-errors.json`]);
    expect(code).toBe(3);
    expect(out).toContain(`${INVALID}/bundle-errors.json  Bundle.entry[2].resource.status  error  code-invalid  Value 'finished2' is not in required ValueSet http://hl7.org/fhir/ValueSet/encounter-status`);
    expect(out).toContain('Bundle.entry[1].fullUrl  error  duplicate');
    expect(out).toContain('Bundle.entry[2].resource.subject.reference  error  not-found');
  });

  it('streams NDJSON and reports the line number of each problem', async () => {
    const { code, out } = await run([`${INVALID}/patients.ndjson`]);
    expect(code).toBe(3);
    const lines = out.trim().split('\n');
    expect(lines.filter((l) => l.startsWith(`${INVALID}/patients.ndjson:1 `))).toEqual([]);
    expect(lines.some((l) => l.startsWith(`${INVALID}/patients.ndjson:3  Patient.id  error`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${INVALID}/patients.ndjson:3  Patient.gender  error`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${INVALID}/patients.ndjson:4  -  fatal  structure  Invalid JSON`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${INVALID}/patients.ndjson:5  Patiant  error`))).toBe(true);
  });

  it('prints { ok, files } with --json', async () => {
    const { code, out } = await run(['fixtures/fhir/valid-stream.ndjson', `${INVALID}/observation-errors.json`, '--json']);
    const parsed = JSON.parse(out) as { ok: boolean; files: { file: string; outcome: { issue: { severity: string; expression?: string[] }[] } }[] };
    expect(code).toBe(3);
    expect(parsed.ok).toBe(false);
    expect(parsed.files.map((f) => f.file)).toEqual(['fixtures/fhir/valid-stream.ndjson', `${INVALID}/observation-errors.json`]);
    expect(parsed.files[0].outcome.issue).toEqual([{ severity: 'information', code: 'informational', details: { text: 'All OK' } }]);
    expect(parsed.files[1].outcome.issue.map((i) => i.expression?.[0])).toEqual(expect.arrayContaining(['Observation.status', 'Observation.valueQuantity.value', 'Observation.valueQuantity']));
  });

  it('exits 2 on usage errors (missing input, unknown profile)', async () => {
    expect((await run(['no/such/file.json'])).code).toBe(2);
    const code = await runValidateCommand([VALID], { profile: ['http://example.org/nope'], package: [] }, () => undefined);
    expect(code).toBe(2);
  });

  it('registers on a commander program and applies --profile', async () => {
    let out = '';
    const program = new Command('ingest').exitOverride();
    registerValidateCommand(program);
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      out += chunk;
      return true;
    }) as typeof process.stdout.write;
    try {
      await program.parseAsync(['validate', `${VALID}/observation-lab.json`, '--profile', 'fixtures/fhir/profiles/acme-heart-rate.json'], { from: 'user' });
    } finally {
      process.stdout.write = original;
    }
    expect(out).toContain('Observation.code  error  value');
    expect(process.exitCode).toBe(3);
  });
});
