import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ConversionResult } from '../../pipelines/convert/converter.js';
import type { InputRef } from '../../pipelines/convert/inputs.js';
import { LossinessCollector, formatLossiness } from '../../pipelines/convert/lossiness.js';
import { quarantineItem } from '../../pipelines/quarantine/file-quarantine.js';
import { formatIndentedJson } from '../../templates/postprocess/index.js';
import type { Issue } from '../../pipelines/contracts/issue.js';
import { EXIT, formatError, printErr } from '../handle.js';
import { ProgressBar } from '../progress.js';
import type { ConvertFlags } from './convert.js';

/** Writes outputs, quarantines failures, prints errors, progress and the summary of one `convert` run. */
export class ConvertReporter {
  private converted = 0;
  private failed = 0;
  private invalid = 0;
  private readonly started = performance.now();
  private readonly progress: ProgressBar;
  private readonly loss = new LossinessCollector();
  private readonly toStdout: boolean;
  private readonly pretty: boolean;

  constructor(
    private readonly inputCount: number,
    private readonly flags: ConvertFlags,
    private readonly skipped: string[] = [],
  ) {
    this.progress = new ProgressBar(inputCount, process.stderr, !flags.quiet && Boolean(process.stderr.isTTY) && inputCount > 1);
    this.toStdout = !flags.out;
    this.pretty = flags.pretty ?? (this.toStdout && Boolean(process.stdout.isTTY) && !flags.ndjson);
    if (flags.out) mkdirSync(flags.out, { recursive: true });
  }

  add(input: InputRef, results: ConversionResult[], raw: Buffer | undefined): void {
    for (const result of results) this.addResult(input, result, results.length, raw);
    this.progress.tick(basename(input.path));
  }

  finish(): number {
    this.progress.finish();
    if (this.flags.report) this.writeReport();
    const secs = (performance.now() - this.started) / 1000;
    if (!this.flags.quiet) {
      const total = this.converted + this.failed + this.invalid;
      const rate = secs > 0 ? ` (${Math.round(total / secs)} records/s)` : '';
      printErr(
        `converted ${this.converted}, failed ${this.failed}, invalid ${this.invalid} ` +
          `from ${this.inputCount} input(s) in ${secs.toFixed(2)}s${rate}` +
          (this.failed + this.invalid > 0 ? `; quarantined in ${this.flags.quarantine}` : ''),
      );
    }
    if (this.skipped.length > 0) this.printSkipped();
    if (this.failed > 0) return EXIT.failed;
    return this.invalid > 0 ? EXIT.invalid : EXIT.ok;
  }

  private printSkipped(): void {
    const shown = this.skipped.slice(0, 5).join(', ');
    const more = this.skipped.length > 5 ? ` and ${this.skipped.length - 5} more` : '';
    printErr(
      `skipped ${this.skipped.length} file(s) found in folders that are not source data (.json/.ndjson/.md/.yaml or hidden): ${shown}${more}. ` +
        'Name a file on the command line to convert it anyway; use ingest validate for FHIR JSON.',
    );
  }

  private addResult(input: InputRef, result: ConversionResult, count: number, raw: Buffer | undefined): void {
    const record = result.source.record ?? 0;
    if (result.unused) this.loss.add(input.path, record, result.recordId, result.unused);
    if (result.error) {
      this.failed += 1;
      this.printError(input, result);
      if (raw) this.quarantine(raw, result, { error: result.error.toJSON() });
      return;
    }
    const errors = (result.issues ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (errors.length > 0) {
      this.invalid += 1;
      this.printIssues(input, result, errors);
      if (raw) this.quarantine(raw, result, { outcome: { resourceType: 'OperationOutcome', issue: result.issues ?? [] } });
      if (this.flags.out) return;
    } else {
      this.converted += 1;
    }
    this.write(input, result, count);
  }

  private write(input: InputRef, result: ConversionResult, count: number): void {
    const bundle = result.bundle ?? {};
    const text = this.flags.ndjson ? JSON.stringify(bundle) : this.pretty ? (result.json ?? formatIndentedJson(bundle)) : JSON.stringify(bundle);
    if (this.toStdout) {
      process.stdout.write(text + '\n');
      return;
    }
    const out = this.flags.out as string;
    if (this.flags.ndjson) {
      appendFileSync(join(out, 'bundles.ndjson'), text + '\n');
      return;
    }
    const name = basename(input.path === '-' ? 'stdin' : input.path).replace(/\.[^.]+$/, '');
    const suffix = count > 1 ? `.${(result.source.record ?? 0) + 1}` : '';
    writeFileSync(join(out, `${name}${suffix}.json`), text + '\n');
  }

  private quarantine(raw: Buffer, result: ConversionResult, why: { error?: ReturnType<NonNullable<ConversionResult['error']>['toJSON']>; outcome?: { resourceType: 'OperationOutcome'; issue: Issue[] } }): void {
    quarantineItem(this.flags.quarantine, raw, { source: result.source, recordId: result.recordId, attempts: 1, ...why });
  }

  private printError(input: InputRef, result: ConversionResult): void {
    this.progress.finish();
    const err = result.error;
    if (!err) return;
    if (this.flags.jsonErrors) {
      printErr(JSON.stringify({ input: input.path, record: result.source.record ?? 0, error: err.toJSON() }));
    } else {
      printErr(`${input.path}${recordSuffix(result)}: conversion failed\n${formatError(err, this.flags.debug)}`);
    }
  }

  private printIssues(input: InputRef, result: ConversionResult, errors: Issue[]): void {
    this.progress.finish();
    if (this.flags.jsonErrors) {
      printErr(JSON.stringify({ input: input.path, record: result.source.record ?? 0, issues: result.issues }));
      return;
    }
    const lines = [`${input.path}${recordSuffix(result)}: bundle failed validation (${errors.length} error(s))`];
    for (const issue of errors.slice(0, 20)) {
      const from = issue.source?.template ? `  [template ${issue.source.template}]` : '';
      lines.push(`  ${issue.expression?.[0] ?? '(bundle)'}  ${issue.code}  ${issue.details.text}${from}`);
    }
    if (errors.length > 20) lines.push(`  … ${errors.length - 20} more`);
    printErr(lines.join('\n'));
  }

  private writeReport(): void {
    const report = this.loss.report();
    printErr(formatLossiness(report));
    if (this.flags.out) writeFileSync(join(this.flags.out, 'lossiness-report.json'), JSON.stringify(report, null, 2) + '\n');
  }
}

function recordSuffix(result: ConversionResult): string {
  const id = result.recordId ? ` ${result.recordId}` : '';
  return result.source.record !== undefined ? ` (message ${result.source.record + 1}${id})` : id;
}
