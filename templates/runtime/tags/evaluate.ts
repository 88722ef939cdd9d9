import type { RenderContext } from '../context.js';
import { Output, renderNodes } from '../node.js';
import type { Flow, Node } from '../node.js';
import { syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';
import { parsePartialArgs, pushArgs } from './partial-args.js';
import type { PartialArgs } from './partial-args.js';

const SYNTAX = /^(\w+)\s+using\s+("[^"]*"|'[^']*')/su;

const NET_SPACE = '[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const NET_TRIM = new RegExp(`^${NET_SPACE}+|${NET_SPACE}+$`, 'g');

/** True for the characters of {@link NET_SPACE}. */
function isNetSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** .NET `String.Trim()`: Unicode white space at both ends (U+FEFF is not white space in .NET). */
export function netTrim(text: string): string {
  if (text.length === 0 || (!isNetSpace(text.charCodeAt(0)) && !isNetSpace(text.charCodeAt(text.length - 1)))) return text;
  return text.replace(NET_TRIM, '');
}

class EvaluateNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly target: string,
    private readonly template: string,
    private readonly args: PartialArgs,
  ) {}

  render(ctx: RenderContext): Flow {
    const partial = ctx.host.getTemplate(this.template);
    pushArgs(ctx, this.args);
    const buffer = new Output();
    renderNodes(partial.nodes, ctx, buffer);
    ctx.pop();
    const result = netTrim(buffer.text);
    ctx.setGlobal(this.target, result.length > 0 ? result : undefined);
    return 0;
  }
}

/** `evaluate OUT using 'TEMPLATE' key: value …` (msfc-compat §2.5): trimmed partial output into a global. */
export function parseEvaluate(token: Token, state: ParseState, loc: SourceLoc): Node {
  const match = SYNTAX.exec(token.value);
  if (!match) {
    throw syntaxError(state, token, "Syntax Error in 'evaluate' tag", "Use {% evaluate name using 'Template' key: value %}.");
  }
  const args = parsePartialArgs(token.value.slice(match[0].length));
  return new EvaluateNode(loc, match[1].toLowerCase(), match[2].slice(1, -1), args);
}
