import type { EngineError } from '../contracts/errors.js';
import type { Issue } from '../contracts/issue.js';
import type { MapperSpec, ParsedRecord, SourceRef, UnusedField } from '../contracts/mapper.js';
import { TemplateEngine } from '../../templates/runtime/engine.js';
import { postProcess } from '../../templates/postprocess/index.js';
import type { PostProcessResult } from '../../templates/postprocess/index.js';
import { builtInCollectionDir } from '../../templates/collections.js';
import { ALL_FILTERS } from '../../templates/filters/all.js';
import { applyGcTuning } from './gc-tuning.js';
import { resolveRootTemplate } from './root-template.js';
import { toEngineError } from './to-engine-error.js';
import { unusedFieldsOf } from './unused-fields.js';
import type { ValidationStep } from './validation.js';

/** Options of {@link createConverter}. */
export interface ConverterOptions {
  mapper: MapperSpec;
  /** User template folders layered over the built-in collection (first wins). */
  templateDirs?: string[];
  /** Skip the built-in collection entirely (run a foreign collection alone). */
  noBuiltIn?: boolean;
  /** Forces the root template instead of deriving it from the content. */
  rootTemplate?: string;
  /** Root template rules: template derived from the content (`ADT_A04`) → template to use (`ADT_A01`). */
  rootTemplateRules?: Record<string, string>;
  /** Validation step; when given, its issues are attached to every bundle. */
  validate?: ValidationStep;
  /** Collect the lossiness report (fields no template read). */
  report?: boolean;
  now?: () => Date;
  timeZone?: string;
}

/** Result of converting one record. Exactly one of `bundle` / `error` is set. */
export interface ConversionResult {
  source: SourceRef;
  recordId: string | undefined;
  rootTemplate: string | undefined;
  /** The bundle as plain JS. */
  bundle?: Record<string, unknown>;
  /** Newtonsoft-indented JSON text of the bundle (Microsoft-compatible bytes), written on first read. */
  readonly json?: string;
  error?: EngineError;
  issues?: Issue[];
  unused?: UnusedField[];
  ms: number;
}

/** Converts inputs of one format: parse → render → post-process → validate. Reuse one instance for a batch. */
export interface Converter {
  /** Converts every record in `text`. Never throws for bad input: failures come back as results with `error`. */
  convertText(text: string, source: SourceRef): ConversionResult[];
}

const CODE_MAPPING_KEYS: Record<string, string> = {
  hl7v2: 'CodeSystem/CodeSystem',
  ccda: 'ValueSet/ValueSet',
};

export function createConverter(options: ConverterOptions): Converter {
  applyGcTuning();
  const { mapper } = options;
  const dirs = [...(options.templateDirs ?? [])];
  const builtInOnly = dirs.length === 0 && !options.noBuiltIn;
  if (!options.noBuiltIn) dirs.push(builtInCollectionDir(mapper.name));
  const engine = new TemplateEngine({
    templateDirs: dirs,
    filters: ALL_FILTERS,
    codeMappingKey: CODE_MAPPING_KEYS[mapper.name],
    now: options.now,
    timeZone: options.timeZone,
  });

  function convertRecord(record: ParsedRecord): ConversionResult {
    const started = performance.now();
    const base = { source: record.source, recordId: record.recordId };
    let rootTemplate: string | undefined;
    try {
      rootTemplate = resolveRootTemplate(engine, record, options.rootTemplate ?? ruleFor(options.rootTemplateRules, record.rootTemplate));
      const rendered = engine.render(rootTemplate, { [mapper.dataKey]: record.model });
      const post = postProcess(rendered);
      const issues = options.validate
        ? options.validate(post.value, { template: rootTemplate, position: positionOf(record) })
        : undefined;
      const unused = options.report ? unusedFieldsOf(mapper, record.model, builtInOnly) : undefined;
      const ms = performance.now() - started;
      return new ConvertedRecord(record, rootTemplate, post, issues, unused, ms);
    } catch (err) {
      return { ...base, rootTemplate, error: toEngineError(err, record.source), ms: performance.now() - started };
    }
  }

  return {
    convertText(text: string, source: SourceRef): ConversionResult[] {
      const started = performance.now();
      let records: ParsedRecord[];
      try {
        records = mapper.parse(text, source);
      } catch (err) {
        const error = toEngineError(err, source);
        return [{ source, recordId: undefined, rootTemplate: undefined, error, ms: performance.now() - started }];
      }
      return records.map(convertRecord);
    },
  };
}

/**
 * A successful {@link ConversionResult}. A class with a prototype `json` getter, not an object literal with `get json()`:
 * a literal accessor allocates an accessor pair per result whose closure keeps the post-process tree alive (promoted
 * garbage on every conversion).
 */
class ConvertedRecord implements ConversionResult {
  readonly source: SourceRef;
  readonly recordId: string | undefined;
  readonly bundle: Record<string, unknown>;

  constructor(
    record: ParsedRecord,
    readonly rootTemplate: string,
    private readonly post: PostProcessResult,
    readonly issues: Issue[] | undefined,
    readonly unused: UnusedField[] | undefined,
    readonly ms: number,
  ) {
    this.source = record.source;
    this.recordId = record.recordId;
    this.bundle = post.value;
  }

  get json(): string {
    return this.post.json;
  }
}

function ruleFor(rules: Record<string, string> | undefined, derived: string | undefined): string | undefined {
  return rules && derived && Object.hasOwn(rules, derived) ? rules[derived] : undefined;
}

function positionOf(record: ParsedRecord): string {
  const index = record.source.record !== undefined ? `#${record.source.record + 1}` : '';
  return `${record.source.name}${index}${record.recordId ? ` (${record.recordId})` : ''}`;
}
