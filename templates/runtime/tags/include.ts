import type { RenderContext } from '../context.js';
import { enumerate } from '../enumerate.js';
import { parseExpression } from '../expression.js';
import type { Expr } from '../expression.js';
import { readFragment, skipSpaces } from '../markup-scan.js';
import { renderNodes } from '../node.js';
import type { Flow, Node, Output } from '../node.js';
import { syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import { renderError } from '../render-error.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';
import { parsePartialArgs, pushArgs } from './partial-args.js';
import type { PartialArgs } from './partial-args.js';

class IncludeNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly template: Expr,
    private readonly shortName: string,
    private readonly subject: Expr,
    private readonly args: PartialArgs,
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    const name = this.template.evaluate(ctx);
    if (name === null || name === undefined) {
      throw renderError('template.not-found', 'Template name of include is nil', 'Check the variable that holds the template name.');
    }
    const partial = ctx.host.getTemplate(String(name));
    const subject = this.subject.evaluate(ctx);
    pushArgs(ctx, this.args);
    const items = enumerate(subject);
    if (items) {
      for (const item of items) {
        ctx.bind(this.shortName, item);
        renderNodes(partial.nodes, ctx, out);
      }
    } else {
      ctx.bind(this.shortName, subject);
      renderNodes(partial.nodes, ctx, out);
    }
    ctx.pop();
    return 0;
  }
}

const WITH = /^\s+(?:with|for)\s+/;

/**
 * `include TEMPLATE [with|for X] [key: value]*` with DotLiquid semantics (msfc-compat §2.4): commas optional, bare
 * words ignored, `with K: v` takes `K:` as the subject, enumerable subjects render the partial once per element.
 */
export function parseInclude(token: Token, state: ParseState, loc: SourceLoc): Node {
  const markup = token.value;
  const frag = readFragment(markup, skipSpaces(markup, 0));
  if (!frag) throw syntaxError(state, token, "Syntax Error in 'include' tag", "Use {% include 'Template' key: value %}.");
  const shortName = frag.text.slice(1, -1);
  const withMatch = WITH.exec(markup.slice(frag.end));
  const withFrag = withMatch ? readFragment(markup, frag.end + withMatch[0].length) : undefined;
  const subject = parseExpression(withFrag ? withFrag.text : shortName);
  return new IncludeNode(loc, parseExpression(frag.text), shortName.toLowerCase(), subject, parsePartialArgs(markup));
}
