import type { FilterEnv, FilterSpec } from '../filters/define.js';
import { STANDARD_FILTERS } from '../filters/standard.js';
import { batchRender } from './batch-render.js';
import { RenderContext } from './context.js';
import type { TemplateHost } from './context.js';
import { compileFilter } from './filter-invoke.js';
import type { CompiledFilter } from './filter-invoke.js';
import { Output, renderNodes } from './node.js';
import type { CompiledTemplate } from './node.js';
import { locateError, renderError } from './render-error.js';
import { TemplateStore } from './template-store.js';
import { withParentPath } from './template-files.js';

export interface TemplateEngineOptions {
  /** Collection folders, highest priority first (a user folder over the built-in one: user's file wins). */
  templateDirs: string[];
  /** Filters registered on top of the standard DotLiquid ones (the converter filters). */
  filters: FilterSpec[];
  /** Code mapping key loaded per render, e.g. 'CodeSystem/CodeSystem' (HL7v2) or 'ValueSet/ValueSet' (C-CDA); absent → none. */
  codeMappingKey?: string;
  now?: () => Date;
  timeZone?: string;
  maxIterations?: number;
  timeoutMs?: number;
}

/** Side information of one render, filled by {@link TemplateEngine.render} when passed. */
export interface RenderTrace {
  /** Schemas used by `validate` blocks (names as written in the tags), in render order (msfc-compat §2.7). */
  schemas: string[];
}

function notFound(key: string): Error {
  return renderError('template.not-found', `Template '${key}' not found`, 'Check the template name and the template folders (sub-folder templates are stored as _Name.liquid).');
}

/**
 * Renders Microsoft FHIR-Converter template collections with DotLiquid 2.2 (DotLiquid20) semantics
 * (msfc-compat §1.1 steps 3–6, §2, §6). Templates are parsed once per file and cached; rendering is synchronous.
 */
export class TemplateEngine {
  private readonly store: TemplateStore;
  private readonly options: Required<Omit<TemplateEngineOptions, 'codeMappingKey'>> & { codeMappingKey?: string };

  constructor(options: TemplateEngineOptions) {
    this.options = {
      ...options,
      now: options.now ?? ((): Date => new Date()),
      timeZone: options.timeZone ?? 'UTC',
      maxIterations: options.maxIterations ?? 100000,
      timeoutMs: options.timeoutMs ?? 0,
    };
    const filters = new Map<string, CompiledFilter>();
    for (const spec of [...STANDARD_FILTERS, ...options.filters]) filters.set(spec.name, compileFilter(spec));
    filters.set('batch_render', batchRender);
    this.store = new TemplateStore(options.templateDirs, filters);
  }

  /**
   * Renders root template `rootTemplate` (a key such as 'ADT_A01' or 'org/v2/ADT_A01') with `data` as the environment
   * (e.g. { hl7v2Data: model }). Returns the raw rendered text. Throws EngineError. When `trace` is given, the
   * schemas used by `validate` blocks are appended to `trace.schemas`.
   */
  render(rootTemplate: string, data: Record<string, unknown>, trace?: RenderTrace): string {
    const root = this.store.template(rootTemplate);
    if (!root) throw notFound(rootTemplate);
    const slash = rootTemplate.lastIndexOf('/');
    const parent = slash < 0 ? '' : rootTemplate.slice(0, slash);
    const { codeMappingKey } = this.options;
    const codeMapping = codeMappingKey ? this.store.codeMapping(withParentPath(parent, codeMappingKey)) : undefined;
    const filterEnv: FilterEnv = { codeMapping, now: this.options.now, timeZone: this.options.timeZone };
    const environment = new Map<string, unknown>();
    for (const key of Object.keys(data)) environment.set(key.toLowerCase(), data[key]);
    const ctx = new RenderContext(environment, {
      host: this.hostFor(parent),
      filterEnv,
      maxIterations: this.options.maxIterations,
      timeoutMs: this.options.timeoutMs,
    });
    ctx.setGlobal('roottemplateparentpath', parent);
    if (codeMapping) ctx.setGlobal('codemapping', codeMapping);
    const out = new Output();
    try {
      renderNodes(root.nodes, ctx, out);
    } catch (err) {
      throw locateError(err, { file: root.file, line: 1, col: 1 });
    }
    if (trace) trace.schemas.push(...ctx.schemas);
    return out.text;
  }

  /** True when a template file exists for `key` in one of the folders (root-level key, no parent path applied). */
  hasTemplate(key: string): boolean {
    return this.store.has(key);
  }

  /** Drops compiled-template caches (after template files change). */
  clearCache(): void {
    this.store.clear();
  }

  private hostFor(parent: string): TemplateHost {
    const store = this.store;
    return {
      getTemplate(name: string): CompiledTemplate {
        const key = withParentPath(parent, name);
        const template = store.template(key);
        if (!template) throw notFound(key);
        return template;
      },
      getSchemaValidator(name: string): (value: unknown) => string[] {
        const key = withParentPath(parent, name);
        const validator = store.schemaValidator(key);
        if (!validator) throw notFound(key);
        return validator;
      },
    };
  }
}
