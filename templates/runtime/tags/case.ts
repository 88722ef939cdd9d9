import { whenEquals } from '../condition.js';
import type { RenderContext } from '../context.js';
import { parseExpression } from '../expression.js';
import type { Expr } from '../expression.js';
import { readFragment, skipSpaces } from '../markup-scan.js';
import { renderNodes } from '../node.js';
import type { Flow, Node, Output } from '../node.js';
import { parseBody, syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';

interface When {
  /** undefined = `else`. */
  values: Expr[] | undefined;
  nodes: Node[];
}

class CaseNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly subject: Expr,
    private readonly whens: When[],
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    ctx.enterVirtual();
    const subject = this.subject.evaluate(ctx);
    let matched = false;
    let flow: Flow = 0;
    for (const when of this.whens) {
      if (when.values === undefined) {
        if (!matched) flow = renderNodes(when.nodes, ctx, out);
        break;
      }
      if (when.values.some((value) => whenEquals(value.evaluate(ctx), subject))) {
        matched = true;
        flow = renderNodes(when.nodes, ctx, out);
        if (flow !== 0) break;
      }
    }
    ctx.exitVirtual();
    return flow;
  }
}

function parseWhenValues(markup: string): Expr[] {
  const values: Expr[] = [];
  let i = skipSpaces(markup, 0);
  while (i < markup.length) {
    const frag = readFragment(markup, i);
    if (!frag) break;
    values.push(parseExpression(frag.text));
    const sep = /^(?:\s+or\s+|\s*,\s*)/.exec(markup.slice(frag.end));
    if (!sep) break;
    i = frag.end + sep[0].length;
  }
  return values;
}

/** `case`/`when`/`else`: every matching `when` renders; `else` only when none matched (msfc-compat §6.7). */
export function parseCase(token: Token, state: ParseState, loc: SourceLoc): Node {
  const frag = readFragment(token.value, skipSpaces(token.value, 0));
  if (!frag) throw syntaxError(state, token, "Syntax Error in 'case' tag", 'Use {% case variable %}.');
  const terminators = ['when', 'else', 'endcase'];
  const whens: When[] = [];
  let next = parseBody(state, token, terminators).end;
  while (next.name !== 'endcase') {
    const values = next.name === 'when' ? parseWhenValues(next.value) : undefined;
    const body = parseBody(state, token, terminators);
    whens.push({ values, nodes: body.nodes });
    next = body.end;
  }
  return new CaseNode(loc, parseExpression(frag.text), whens);
}
