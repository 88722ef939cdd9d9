import type { RenderContext } from '../context.js';
import { parseExpression } from '../expression.js';
import type { Expr } from '../expression.js';
import { writeNewtonsoftJson } from '../newtonsoft-json.js';
import { LenientJsonError, parseLenientJson } from '../lenient-json.js';
import { Output, renderNodes } from '../node.js';
import type { Flow, Node } from '../node.js';
import { parseBody, syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import { renderError } from '../render-error.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';
import { isMapping } from '../values.js';

const SYNTAX = /^([\w\-.[\]]+)\s$/u;

function invalidContent(detail: string): Error {
  return renderError('render.invalid-merge-diff-content', `The mergeDiff block content is invalid: ${detail}`, 'Make the block render a JSON object of keys to change (lenient JSON is accepted).');
}

function parseDiff(text: string, timeZone: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let diff: unknown;
  try {
    diff = parseLenientJson(text, { dateTimeZone: timeZone });
  } catch (err) {
    if (err instanceof LenientJsonError) throw invalidContent(`not valid JSON (position ${err.position})`);
    throw err;
  }
  if (!isMapping(diff)) throw invalidContent('not a JSON object');
  return diff;
}

/** Applies diff keys to a shallow copy (msfc-compat §2.6 step 4). */
export function applyMergeDiff(input: Record<string, unknown>, diff: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...input };
  for (const key of Object.keys(diff)) {
    const value = diff[key];
    if (key.endsWith('[x]')) {
      const prefix = key.slice(0, -3);
      if (prefix === '') throw invalidContent("a '[x]' key needs a prefix");
      const target = Object.keys(copy).find((k) => k.startsWith(prefix));
      if (target !== undefined) copy[target] = value;
    } else copy[key] = value === null || value === undefined ? '' : value;
  }
  return copy;
}

class MergeDiffNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly subject: Expr,
    private readonly body: Node[],
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    ctx.push();
    const buffer = new Output();
    renderNodes(this.body, ctx, buffer);
    ctx.pop();
    const input = this.subject.evaluate(ctx);
    if (input === null || input === undefined) {
      out.text += '""';
      return 0;
    }
    const diff = parseDiff(buffer.text, ctx.filterEnv.timeZone);
    if (!diff || Object.keys(diff).length === 0) {
      out.text += writeNewtonsoftJson(input, { timeZone: ctx.filterEnv.timeZone });
      return 0;
    }
    if (!isMapping(input)) {
      throw renderError('render.invalid-merge-diff-input', 'The input of the mergeDiff block is not an object', 'Pass a JSON object variable to mergeDiff.');
    }
    out.text += writeNewtonsoftJson(applyMergeDiff(input, diff), { timeZone: ctx.filterEnv.timeZone });
    return 0;
  }
}

/** `mergeDiff VAR` … `endmergeDiff` (msfc-compat §2.6). */
export function parseMergeDiff(token: Token, state: ParseState, loc: SourceLoc): Node {
  const match = SYNTAX.exec(token.value);
  if (!match) throw syntaxError(state, token, "Syntax Error in 'mergeDiff' tag", 'Use {% mergeDiff variable %} with a single space before %}.');
  return new MergeDiffNode(loc, parseExpression(match[1]), parseBody(state, token, ['endmergeDiff']).nodes);
}
