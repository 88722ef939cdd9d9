import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { ConnectorSpec, JsonSchema } from '../contracts/connector.js';
import { buildShapeSchema } from './pipeline-schema.js';
import type { SchemaCatalog } from './pipeline-schema.js';
import type { ConnectorBlock, PipelineConfig } from './pipeline-config.js';
import { describeAjvError } from './problem-text.js';
import { closest, suggestOneOf } from './suggest.js';
import { formatPath, pathFromPointer, positionOf } from './yaml-positions.js';
import type { ConfigPath } from './yaml-positions.js';

/** One thing wrong with a pipeline file, positioned in the YAML. */
export interface ConfigProblem {
  /** `sinks[0].typ` */
  path: string;
  line?: number;
  col?: number;
  message: string;
  suggestion: string;
}

/** Outcome of checking a pipeline file: the config (when there are no problems) and every problem found. */
export interface CheckResult {
  config?: PipelineConfig;
  problems: ConfigProblem[];
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, verbose: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
const NAME = /^[A-Za-z0-9._-]+$/;

function validatorOf(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

class ProblemList {
  readonly items: ConfigProblem[] = [];
  constructor(
    private readonly doc: Document,
    private readonly counter: LineCounter,
  ) {}

  add(path: ConfigPath, message: string, suggestion: string, asKey = false): void {
    const pos = positionOf(this.doc, this.counter, path, asKey);
    this.items.push({ path: formatPath(path), ...(pos ? { line: pos.line, col: pos.col } : {}), message, suggestion });
  }

  addAjv(prefix: ConfigPath, errors: ErrorObject[] | null | undefined): void {
    for (const e of errors ?? []) {
      const d = describeAjvError(e);
      this.add(pathFromPointer(prefix, e.instancePath).concat(d.child ?? []), d.message, d.suggestion, d.asKey);
    }
  }
}

function checkBlock(raw: unknown, path: ConfigPath, kind: ConnectorSpec['kind'], catalog: SchemaCatalog, out: ProblemList): ConnectorBlock | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { type, ...rest } = raw as Record<string, unknown>;
  const spec = catalog.connectors[String(type)];
  const names = Object.values(catalog.connectors).filter((c) => c.kind === kind).map((c) => c.name);
  if (type === undefined) {
    const typo = Object.keys(rest).find((k) => closest(k, ['type']));
    if (typo) out.add([...path, typo], `Unknown key \`${typo}\``, `Did you mean \`type\`? (${kind} types: ${names.join(', ')})`, true);
    else out.add(path, `Missing required key \`type\``, `Add \`type:\` with one of the ${kind} types: ${names.join(', ')}.`);
    return undefined;
  }
  if (!spec || spec.kind !== kind) {
    const other = spec ? ` (\`${String(type)}\` is a ${spec.kind})` : '';
    out.add([...path, 'type'], `Unknown ${kind} type \`${String(type)}\`${other}`, suggestOneOf(String(type), names, `${kind} types`));
    return undefined;
  }
  const validate = validatorOf(spec.config);
  if (!validate(rest)) out.addAjv(path, validate.errors);
  return { type: spec.name, config: rest };
}

/** Checks pipeline YAML text against the schema generated from `catalog`; collects every problem with its line. */
export function checkPipelineText(text: string, file: string | undefined, catalog: SchemaCatalog): CheckResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const out = new ProblemList(doc, counter);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = counter.linePos(e.pos[0]);
      out.items.push({ path: '', line: pos.line, col: pos.col, message: `YAML syntax: ${e.message.split('\n')[0]}`, suggestion: 'Fix the YAML syntax (indentation, quotes, colons).' });
    }
    return { problems: out.items };
  }
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    out.add([], 'A pipeline file must be a YAML mapping', 'Start from an example in pipelines/examples/.');
    return { problems: out.items };
  }
  const shape = validatorOf(shapeSchemaOf(catalog));
  if (!shape(data)) out.addAjv([], shape.errors);
  const d = data as Record<string, unknown>;
  if (typeof d.name === 'string' && d.name && !NAME.test(d.name)) {
    out.add(['name'], `Pipeline name \`${d.name}\` has characters other than letters, digits, -, _ and .`, `Rename it, e.g. \`${d.name.replace(/[^A-Za-z0-9._-]+/g, '-')}\`.`);
  }
  const source = checkBlock(d.source, ['source'], 'source', catalog, out);
  const sinks = Array.isArray(d.sinks) ? d.sinks.map((s, i) => checkBlock(s, ['sinks', i], 'sink', catalog, out)) : [];
  if (out.items.length > 0 || !source) return { problems: out.items };
  const baseDir = file ? dirname(resolve(file)) : process.cwd();
  const config = { ...d, source, sinks, baseDir, ...(file ? { file } : {}) } as unknown as PipelineConfig;
  return { config, problems: [] };
}

const shapeSchemas = new WeakMap<SchemaCatalog, JsonSchema>();

function shapeSchemaOf(catalog: SchemaCatalog): JsonSchema {
  let schema = shapeSchemas.get(catalog);
  if (!schema) {
    schema = buildShapeSchema(catalog);
    shapeSchemas.set(catalog, schema);
  }
  return schema;
}
