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

/** Depth of a binding that does not exist (the name falls through to the environment). */
const UNBOUND = -1;

/** Innermost binding of one name: its value (undefined = nil) and the scope depth that holds it. */
class Binding {
  constructor(
    public value: unknown,
    public depth: number,
  ) {}
}

/**
 * Variables of one render (msfc-compat §6.3): a stack of case-insensitive scopes (depth 0 = global) over the
 * environment. Shallow binding: each name has one {@link Binding} holding its innermost value; binding a name in a
 * pushed scope saves the shadowed binding in an undo log that {@link pop} replays, so a lookup is one `Map.get`
 * whatever the depth, and pushing a scope allocates nothing. Scopes pushed by `if`/`unless`/`case` are never
 * written, so they are only counted.
 */
export class RenderContext {
  private readonly bindings = new Map<string, Binding>();
  /** Undo log: name, shadowed value and shadowed depth of every binding made in a pushed scope, in order. */
  private readonly undoNames: string[] = [];
  private readonly undoValues: unknown[] = [];
  private readonly undoDepths: number[] = [];
  /** Used length of the undo log (the arrays never shrink, so pushing and popping scopes does not reallocate). */
  private undoLength = 0;
  /** Undo log length at each push (index = depth before the push). */
  private readonly scopeMarks: number[] = [];
  /** Depth of the innermost real scope (0 = global). */
  private depth = 0;
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
    const binding = this.bindings.get(lowerName);
    if (binding !== undefined && binding.depth !== UNBOUND) return binding.value;
    return this.environment.get(lowerName);
  }

  /** Binds `lowerName` in the innermost scope (`for` variables, `include`/`evaluate` arguments); nil shadows too. */
  bind(lowerName: string, value: unknown): void {
    const depth = this.depth;
    const binding = this.bindings.get(lowerName);
    if (binding === undefined) {
      this.bindings.set(lowerName, new Binding(value, depth));
      if (depth > 0) this.logShadowed(lowerName, undefined, UNBOUND);
      return;
    }
    if (binding.depth !== depth) {
      if (depth > 0) this.logShadowed(lowerName, binding.value, binding.depth);
      binding.depth = depth;
    }
    binding.value = value;
  }

  /** `assign`/`capture`/`evaluate` target: always the global scope, even while an inner scope shadows the name. */
  setGlobal(lowerName: string, value: unknown): void {
    const binding = this.bindings.get(lowerName);
    if (binding === undefined) this.bindings.set(lowerName, new Binding(value, 0));
    else if (binding.depth <= 0) {
      binding.value = value;
      binding.depth = 0;
    } else {
      const names = this.undoNames;
      for (let i = 0; i < this.undoLength; i++) {
        if (names[i] === lowerName) {
          this.undoValues[i] = value;
          this.undoDepths[i] = 0;
          return;
        }
      }
    }
  }

  /** Opens a real scope; {@link bind} writes into it until the matching {@link pop}. */
  push(): void {
    this.checkNesting();
    this.scopeMarks[this.depth] = this.undoLength;
    this.depth++;
  }

  /** Closes the innermost real scope, restoring the bindings it shadowed. */
  pop(): void {
    const mark = this.scopeMarks[--this.depth];
    const names = this.undoNames;
    const values = this.undoValues;
    for (let i = this.undoLength - 1; i >= mark; i--) {
      const binding = this.bindings.get(names[i]) as Binding;
      binding.value = values[i];
      binding.depth = this.undoDepths[i];
      values[i] = undefined;
    }
    this.undoLength = mark;
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

  private logShadowed(lowerName: string, value: unknown, depth: number): void {
    const i = this.undoLength++;
    this.undoNames[i] = lowerName;
    this.undoValues[i] = value;
    this.undoDepths[i] = depth;
  }

  private checkNesting(): void {
    if (this.depth + 1 + this.virtualDepth > MAX_SCOPES) {
      throw renderError(
        'render.nesting-too-deep',
        'Nesting too deep',
        'Look for recursive includes or deeply nested blocks (limit 80 scopes, msfc-compat §6.3).',
      );
    }
  }
}
