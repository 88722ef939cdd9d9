import type { Command } from 'commander';
import { Option } from 'commander';
import { expandInputs } from '../../pipelines/convert/inputs.js';
import { convertBatch } from '../../pipelines/convert/batch.js';
import { createValidationStep } from '../../pipelines/convert/validation.js';
import { MAPPERS } from '../../mappers/registry.js';
import { EXIT, handle } from '../handle.js';
import { ConvertReporter } from './convert-reporter.js';

/** Options of `ingest convert` as commander parses them. */
export interface ConvertFlags {
  format?: string;
  templateDir?: string[];
  builtIn: boolean;
  rootTemplate?: string;
  out?: string;
  ndjson?: boolean;
  pretty?: boolean;
  jsonErrors?: boolean;
  report?: boolean;
  validate: boolean;
  quarantine: string;
  timeZone: string;
  quiet?: boolean;
  debug?: boolean;
}

const HELP_EXAMPLES = `
Examples:
  $ ingest convert fixtures/hl7v2/ADT_A01/adt-a01-basic.hl7          print one bundle
  $ ingest convert inbox/ --out out/                                  one <name>.json per input
  $ ingest convert inbox/ --ndjson > bundles.ndjson                   one bundle per line
  $ ingest convert msg.hl7 --template-dir ~/my-templates/Hl7v2        your collection over the built-in one
  $ ingest convert msg.hl7 --root-template ADT_A01 --report           show fields no template read
  $ cat msg.hl7 | ingest convert -                                    read standard input

Formats are detected from content (MSH → hl7v2, <ClinicalDocument> → ccda); the root template comes from the
message type (MSH-9 ADT^A01 → ADT_A01). Failed and invalid inputs are kept in the quarantine folder with their error.
Exit codes: 0 all converted and valid, 1 some inputs failed, 2 usage error, 3 some bundles failed validation.`;

/** Registers `ingest convert`. */
export function registerConvertCommand(program: Command): void {
  program
    .command('convert')
    .summary('convert files to FHIR R4 bundles (a dry run: nothing is sent anywhere)')
    .description('Convert HL7v2 messages or C-CDA documents to FHIR R4 bundles and validate them.')
    .argument('<inputs...>', 'files, directories (walked recursively), or - for standard input')
    .addOption(new Option('-f, --format <format>', 'input format; default: detected per file').choices(Object.keys(MAPPERS)))
    .option('-t, --template-dir <dir...>', 'template collection folder(s) layered over the built-in one (first wins)')
    .option('--no-built-in', 'do not fall back to the built-in collection (run a foreign collection alone)')
    .option('-r, --root-template <name>', 'root template to use instead of the one derived from the message type')
    .option('-o, --out <dir>', 'write <out>/<input name>.json per input instead of printing')
    .option('--ndjson', 'one compact bundle per line (to stdout, or <out>/bundles.ndjson)')
    .option('--pretty', 'indent JSON exactly as Microsoft FHIR-Converter does (default on a terminal)')
    .option('--json-errors', 'print errors and issues as JSON lines on stderr')
    .option('--report', 'lossiness report: every input field that held a value but no template read')
    .option('--no-validate', 'skip FHIR R4 validation of the output')
    .option('--quarantine <dir>', 'where failed and invalid inputs are kept', '.ingest/quarantine')
    .option('--time-zone <zone>', 'IANA zone used as "local" time by date filters', 'UTC')
    .option('-q, --quiet', 'no progress bar and no summary line')
    .option('--debug', 'print stack traces')
    .addHelpText('after', HELP_EXAMPLES)
    .action((inputs: string[], flags: ConvertFlags) => {
      process.exitCode = runConvert(inputs, flags);
    });
}

/** Runs a conversion batch; returns the exit code. */
export function runConvert(inputArgs: string[], flags: ConvertFlags): number {
  try {
    const { inputs, skipped } = expandInputs(inputArgs);
    const reporter = new ConvertReporter(inputs.length, flags, skipped);
    convertBatch(
      inputs,
      {
        format: flags.format,
        templateDirs: flags.templateDir,
        noBuiltIn: !flags.builtIn,
        rootTemplate: flags.rootTemplate,
        report: flags.report,
        timeZone: flags.timeZone,
        validate: flags.validate ? createValidationStep() : undefined,
      },
      (input, results, raw) => reporter.add(input, results, raw),
    );
    return reporter.finish();
  } catch (err) {
    return handle(err, flags.debug) || EXIT.failed;
  }
}
