import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { FhirResource, Issue, OperationOutcome } from '../../pipelines/contracts/index.js';
import { EngineError } from '../../pipelines/contracts/index.js';
import { createValidator } from '../../validators/index.js';
import type { FhirValidator } from '../../validators/index.js';
import { EXIT, handle } from '../handle.js';

/** Flags of `ingest validate`. */
export interface ValidateFlags {
  profile: string[];
  package: string[];
  json?: boolean;
  debug?: boolean;
}

/** Result of one validated file. */
export interface FileOutcome {
  file: string;
  outcome: OperationOutcome;
}

const EXTENSIONS = ['.json', '.ndjson'];

function listInputs(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new EngineError('cli.validate.not-found', `Input ${p} does not exist`, { stage: 'cli', location: { file: p }, suggestion: 'Pass existing .json/.ndjson files or folders.' });
    }
    if (!st.isDirectory()) return [p];
    return readdirSync(p).sort().flatMap((name) => {
      const full = join(p, name);
      return statSync(full).isDirectory() ? listInputs([full]) : EXTENSIONS.some((e) => name.endsWith(e)) ? [full] : [];
    });
  });
}

function parseIssue(text: string, position: string | undefined): Issue {
  return { severity: 'fatal', code: 'structure', details: { text }, expression: [], ...(position ? { source: { position } } : {}) };
}

function validateText(validator: FhirValidator, text: string, position: string | undefined): Issue[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return [parseIssue(`Invalid JSON: ${(err as Error).message}`, position)];
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [parseIssue('Expected a JSON object (a resource or a Bundle)', position)];
  const issues = validator.validate(json as FhirResource);
  return position ? issues.map((i) => ({ ...i, source: { ...i.source, position } })) : issues;
}

async function validateNdjson(validator: FhirValidator, file: string, onIssues: (issues: Issue[]) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const issues = validateText(validator, line, `line ${n}`);
    if (issues.length > 0) onIssues(issues);
  }
}

/** One human line per issue: `file[:line]  expression  severity  code  message`. */
export function formatIssueLine(file: string, issue: Issue): string {
  const line = issue.source?.position?.startsWith('line ') ? `:${issue.source.position.slice(5)}` : '';
  return `${file}${line}  ${issue.expression?.[0] ?? '-'}  ${issue.severity}  ${issue.code}  ${issue.details.text}`;
}

function isError(i: Issue): boolean {
  return i.severity === 'error' || i.severity === 'fatal';
}

/** Validates files and folders (.json resources or Bundles, .ndjson streamed line by line). Returns the exit code. */
export async function runValidateCommand(paths: string[], flags: ValidateFlags, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  try {
    const validator = createValidator({ profiles: flags.profile, packages: flags.package });
    const results: FileOutcome[] = [];
    let errors = 0;
    for (const file of listInputs(paths)) {
      const collected: Issue[] = [];
      const onIssues = (issues: Issue[]): void => {
        errors += issues.filter(isError).length;
        if (flags.json) collected.push(...issues);
        else for (const i of issues) write(formatIssueLine(file, i) + '\n');
      };
      if (file.endsWith('.ndjson')) await validateNdjson(validator, file, onIssues);
      else onIssues(validateText(validator, readFileSync(file, 'utf8'), undefined));
      if (flags.json) results.push({ file, outcome: validator.outcome(collected) });
    }
    if (flags.json) write(JSON.stringify({ ok: errors === 0, files: results }) + '\n');
    else write(`${errors === 0 ? 'ok' : 'invalid'}: ${errors} error(s)\n`);
    return errors === 0 ? EXIT.ok : EXIT.invalid;
  } catch (err) {
    if (err instanceof EngineError && (err.code.startsWith('validate.profile.') || err.code.startsWith('validate.package.'))) {
      handle(err, flags.debug);
      return EXIT.usage;
    }
    return handle(err, flags.debug);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Registers `ingest validate <files|dirs...> [--profile URL|PATH]... [--package TGZ]... [--json]`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Validate FHIR R4 resources and Bundles (.json, .ndjson) against R4, bindings, invariants and profiles.')
    .argument('<paths...>', 'files or folders (.json resource or Bundle, .ndjson one resource per line)')
    .option('--profile <urlOrPath>', 'apply a profile (known URL, StructureDefinition file or folder); repeatable', collect, [])
    .option('--package <tgz>', 'load a FHIR NPM package tarball; its profiles apply when claimed in meta.profile; repeatable', collect, [])
    .option('--json', 'print { ok, files: [{ file, outcome }] }')
    .option('--debug', 'print stack traces')
    .addHelpText(
      'after',
      `
Examples:
  $ ingest validate out/                                          every .json / .ndjson under out/
  $ ingest validate bundle.json --json | jq '.files[0].outcome'   the OperationOutcome as JSON
  $ ingest validate big.ndjson                                    streamed line by line; memory stays flat
  $ ingest validate out/ --profile ./profiles/                    apply your StructureDefinitions (folder or file)
  $ ingest validate out/ --package hl7.fhir.us.core-5.0.1.tgz     profiles of a FHIR NPM package, where claimed

Each issue names its severity and the FHIRPath of the element (Bundle.entry[3].resource.code); during
ingest convert, issues also name the template and the source position the resource came from. US Core profiles claimed in meta.profile apply
without flags when they ship with the FHIR R4 definitions.
Exit codes: 0 no errors, 1 runtime failure, 2 usage error, 3 validation errors.`,
    )
    .action(async (paths: string[], flags: ValidateFlags) => {
      process.exitCode = await runValidateCommand(paths, flags);
    });
}
