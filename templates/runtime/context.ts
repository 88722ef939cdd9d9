import type { FilterEnv } from '../filters/define.js';
import type { CompiledTemplate } from './node.js';
import { renderError } from './render-error.js';

/** Services of the engine a render needs: template lookup with the root parent path applied (msfc-compat §2.3). */
export interface TemplateHost {
  /** Template `name` (parent path prepended); throws `template.not-found`. */
  getTemplate(name: string): CompiledTemplate;
  /** Validator for schema `name` (parent path prepended); throws `template.not-found`. */
  getSchemaValidator(name: string): (value: unknown) => string[];
}

/** Limits and services of one render. */
export interface RenderSettings {
  host: TemplateHost;
  filterEnv: FilterEnv;
  maxIterations: number;
  timeoutMs: number;
}

const MAX_SCOPES = 80;

/** Stored in a scope for a variable bound to nil, so one `get` per scope tells "unbound" from "nil". */
const NIL_BINDING = Symbol('nil');

/** Binds `lowerName` in `scope` (every scope write goes through here so nil shadows outer scopes). */
export function bindVariable(scope: Map<string, unknown>, lowerName: string, value: unknown): void {
  scope.set(lowerName, value === undefined ? NIL_BINDING : value);
}

/**
 * Variables of one render (msfc-compat §6.3): a stack of case-insensitive scopes (index 0 = global) over the
 * environment. Scopes pushed by `if`/`unless`/`case` are never written, so they are only counted.
 */
export class RenderContext {
  readonly scopes: Map<string, unknown>[] = [new Map()];
  private virtualDepth = 0;
  readonly registers = new Map<string, unknown>();
  /** Schema names used by `validate` blocks, in render order (msfc-compat §2.7 "records it for trace"). */
  readonly schemas: string[] = [];
  readonly deadline: number;
  readonly host: TemplateHost;
  readonly filterEnv: FilterEnv;
  readonly maxIterations: number;

  constructor(
    private readonly environment: Map<string, unknown>,
    settings: RenderSettings,
  ) {
    this.host = settings.host;
    this.filterEnv = settings.filterEnv;
    this.maxIterations = settings.maxIterations;
    this.deadline = settings.timeoutMs > 0 ? Date.now() + settings.timeoutMs : 0;
  }

  /** Value of top-level variable `lowerName` (already lower-cased): innermost scope first, then the environment. */
  resolve(lowerName: string): unknown {
    const scopes = this.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const value = scopes[i].get(lowerName);
      if (value !== undefined) return value === NIL_BINDING ? undefined : value;
    }
    return this.environment.get(lowerName);
  }

  /** `assign`/`capture`/`evaluate` target: always the global scope. */
  setGlobal(lowerName: string, value: unknown): void {
    bindVariable(this.scopes[0], lowerName, value);
  }

  push(scope: Map<string, unknown>): void {
    this.checkNesting();
    this.scopes.push(scope);
  }

  pop(): void {
    this.scopes.pop();
  }

  /** Counts a pushed scope that is never written (if/unless/case). */
  enterVirtual(): void {
    this.checkNesting();
    this.virtualDepth++;
  }

  exitVirtual(): void {
    this.virtualDepth--;
  }

  checkDeadline(): void {
    if (Date.now() > this.deadline) {
      throw renderError('render.timeout', 'Template rendering timed out', 'Raise the timeout or simplify the templates.');
    }
  }

  private checkNesting(): void {
    if (this.scopes.length + this.virtualDepth > MAX_SCOPES) {
      throw renderError(
        'render.nesting-too-deep',
        'Nesting too deep',
        'Look for recursive includes or deeply nested blocks (limit 80 scopes, msfc-compat §6.3).',
      );
    }
  }
}
