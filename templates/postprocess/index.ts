import type { JsonObject } from './json-tree.js';
import { DEFAULT_MAX_DEPTH, parseLenientJson } from './lenient-parser.js';
import { mergeBundleEntries } from './merge-entries.js';
import { writeIndentedJson } from './newtonsoft-writer.js';
import { toPlainObject } from './to-plain-value.js';

export { POSTPROCESS_CODES } from './postprocess-error.js';
export { DEFAULT_MAX_DEPTH } from './lenient-parser.js';

/**
 * Output of {@link postProcess}. A class with a prototype getter, not an object literal with `get json()`: a literal
 * accessor allocates an old-space accessor pair per result whose closure keeps the whole tree alive until the next
 * full GC (each conversion's garbage would be promoted).
 */
export class PostProcessResult {
  private text: string | undefined;

  constructor(
    /** The merged object as plain JS (numbers as JS numbers) — what validators and sinks consume. */
    readonly value: Record<string, unknown>,
    private readonly tree: JsonObject,
  ) {}

  /**
   * Newtonsoft-indented JSON text (2 spaces, `": "`, `\n`), byte-identical to Microsoft's output. Written on first
   * read and kept: conversions that only need {@link value} never pay for the text.
   */
  get json(): string {
    return (this.text ??= writeIndentedJson(this.tree));
  }
}

/**
 * Turns rendered template text into the final bundle: lenient parse with empty pruning, entry merge, Newtonsoft
 * indented text (msfc-compat §1.1 steps 7–8, §8). Pure and synchronous; safe to call concurrently.
 * @param rendered - the text a root template rendered.
 * @param options - `maxDepth`: deepest allowed container nesting after pruning (default 64, Newtonsoft's MaxDepth).
 * @throws EngineError stage 'postprocess' with codes `postprocess.json-parsing` (with line/col of the rendered text
 *   and a short non-PHI excerpt description) or `postprocess.json-merging`.
 */
export function postProcess(rendered: string, options?: { maxDepth?: number }): PostProcessResult {
  const tree = parseLenientJson(rendered, options?.maxDepth ?? DEFAULT_MAX_DEPTH);
  mergeBundleEntries(tree);
  return new PostProcessResult(toPlainObject(tree), tree);
}

/**
 * Serialises a plain JS value (e.g. after other stages edit the bundle) in the same Newtonsoft indented style.
 * Integral JS numbers print as integers, other numbers (and `NetDouble`) as .NET doubles (msfc-compat §9.2).
 */
export function formatIndentedJson(value: unknown): string {
  return writeIndentedJson(value);
}
