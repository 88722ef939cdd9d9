import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { CodeMappingEntry, CodeMappingFile } from './code-mapping.js';
import type { CompiledFilter } from './filter-invoke.js';
import { LenientJsonError, parseLenientJson } from './lenient-json.js';
import type { CompiledTemplate } from './node.js';
import { parseTemplate } from './parser.js';
import { templateError } from './render-error.js';
import { TAGS } from './tags/index.js';
import { keyToRelativePath, readLayered } from './template-files.js';
import { isMapping } from './values.js';

/** Checks a value against a JSON schema; returns the failure reasons (empty when valid). */
export type SchemaValidator = (value: unknown) => string[];

/**
 * Lazily loads and caches templates, code mappings and schemas from layered folders (msfc-compat §2.1–2.2, §2.8).
 * Each file is read and parsed once until {@link TemplateStore.clear}.
 */
export class TemplateStore {
  private readonly templates = new Map<string, CompiledTemplate | null>();
  private readonly byFile = new Map<string, CompiledTemplate>();
  private readonly codeMappings = new Map<string, CodeMappingFile | null>();
  private readonly schemas = new Map<string, SchemaValidator | null>();
  private ajv: Ajv | undefined;

  constructor(
    private readonly dirs: readonly string[],
    private readonly filters: ReadonlyMap<string, CompiledFilter>,
  ) {}

  clear(): void {
    this.templates.clear();
    this.byFile.clear();
    this.codeMappings.clear();
    this.schemas.clear();
  }

  /** The compiled template of `key`, or undefined when no folder has it. Syntax errors throw `template.syntax`. */
  template(key: string): CompiledTemplate | undefined {
    const cached = this.templates.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const relative = keyToRelativePath(key);
    const found = relative === undefined ? undefined : readLayered(this.dirs, relative);
    let compiled: CompiledTemplate | null = null;
    if (found) {
      compiled = this.byFile.get(found.path) ?? { file: found.path, nodes: parseTemplate(found.text, found.path, this.filters, TAGS) };
      this.byFile.set(found.path, compiled);
    }
    this.templates.set(key, compiled);
    return compiled ?? undefined;
  }

  /** True when a folder has a file for `key` (without parsing it). */
  has(key: string): boolean {
    const cached = this.templates.get(key);
    if (cached !== undefined) return cached !== null;
    const relative = keyToRelativePath(key);
    return relative !== undefined && this.dirs.some((dir) => existsSync(join(dir, relative)));
  }

  /** The code mapping file of `key` (e.g. `CodeSystem/CodeSystem`), or undefined when absent. */
  codeMapping(key: string): CodeMappingFile | undefined {
    if (this.codeMappings.has(key)) return this.codeMappings.get(key) ?? undefined;
    const relative = keyToRelativePath(key);
    const found = relative === undefined ? undefined : readLayered(this.dirs, relative);
    const parsed = found ? parseCodeMapping(found.text, found.path) : null;
    this.codeMappings.set(key, parsed);
    return parsed ?? undefined;
  }

  /** Validator for schema `key` (a `.schema.json` path), or undefined when absent. */
  schemaValidator(key: string): SchemaValidator | undefined {
    if (this.schemas.has(key)) return this.schemas.get(key) ?? undefined;
    const relative = keyToRelativePath(key);
    const found = relative === undefined ? undefined : readLayered(this.dirs, relative);
    const validator = found ? this.compileSchema(found.text, found.path) : null;
    this.schemas.set(key, validator);
    return validator ?? undefined;
  }

  private compileSchema(text: string, file: string): SchemaValidator {
    this.ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false });
    let validate: ValidateFunction;
    try {
      const schema = parseLenientJson(text) as Record<string, unknown>;
      if (!isMapping(schema)) throw new Error('schema is not an object');
      const { $schema: _ignored, ...rest } = schema;
      validate = this.ajv.compile(rest);
    } catch {
      throw templateError('template.invalid-schema', 'The JSON schema file is not a valid schema', { file }, 'Fix the schema file so it is a valid JSON schema.');
    }
    return (value) => {
      if (validate(value)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    };
  }
}

function invalidMapping(file: string, why: string): Error {
  return templateError('template.invalid-code-mapping', `Invalid code mapping file: ${why}`, { file }, 'Make the file a JSON object with a "Mapping" object of mapping name → code → {code, display, system}.');
}

/** Parses a CodeSystem/ValueSet mapping file; the top-level `Mapping` key is matched case-insensitively. */
export function parseCodeMapping(text: string, file: string): CodeMappingFile {
  let root: unknown;
  try {
    root = parseLenientJson(text);
  } catch (err) {
    if (err instanceof LenientJsonError) throw invalidMapping(file, `not valid JSON (position ${err.position})`);
    throw err;
  }
  if (!isMapping(root)) throw invalidMapping(file, 'not a JSON object');
  const key = Object.keys(root).find((k) => k.toLowerCase() === 'mapping');
  const mapping = key === undefined ? undefined : root[key];
  if (!isMapping(mapping)) throw invalidMapping(file, 'missing "Mapping" object');
  return { mapping: mapping as Record<string, Record<string, CodeMappingEntry>> };
}
