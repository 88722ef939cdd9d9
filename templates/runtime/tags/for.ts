import type { RenderContext } from '../context.js';
import { enumerate } from '../enumerate.js';
import { parseExpression } from '../expression.js';
import type { Expr } from '../expression.js';
import { scanAttributes } from '../markup-scan.js';
import { renderNodes } from '../node.js';
import type { Flow, Node, Output } from '../node.js';
import { parseBody, syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import { renderError } from '../render-error.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';

const SYNTAX = /^(\w+)\s+in\s+((?:[^\s,|'"]|"[^"]*"|'[^']*')+)\s*(reversed)?/u;

interface ForSpec {
  variable: string;
  name: string;
  collection: Expr;
  reversed: boolean;
  limit: Expr | undefined;
  offset: Expr | 'continue' | undefined;
}

function toInt(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

class ForNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly spec: ForSpec,
    private readonly body: Node[],
    private readonly elseBody: Node[] | undefined,
  ) {}

  private segment(ctx: RenderContext, items: readonly unknown[]): readonly unknown[] {
    const { limit, offset, name } = this.spec;
    if (limit === undefined && offset === undefined) return items;
    const from = offset === 'continue' ? toInt(ctx.registers.get(`for:${name}`)) : offset ? toInt(offset.evaluate(ctx)) : 0;
    const to = limit ? from + toInt(limit.evaluate(ctx)) : items.length;
    const segment = items.slice(Math.max(0, from), Math.max(0, to));
    ctx.registers.set(`for:${name}`, from + segment.length);
    return segment;
  }

  render(ctx: RenderContext, out: Output): Flow {
    const all = enumerate(this.spec.collection.evaluate(ctx));
    let items = all ? this.segment(ctx, all) : [];
    if (items.length === 0) return this.elseBody ? this.renderElse(ctx, out) : 0;
    if (items.length > ctx.maxIterations) {
      throw renderError('render.max-iterations', `A for loop has ${items.length} items, over the limit of ${ctx.maxIterations}`, 'Raise maxIterations or loop over a smaller collection.');
    }
    if (this.spec.reversed) items = [...items].reverse();
    const length = items.length;
    const forloop = { name: this.spec.name, length, index: 1, index0: 0, rindex: length, rindex0: length - 1, first: true, last: length === 1 };
    ctx.push();
    ctx.bind('forloop', forloop);
    const variable = this.spec.variable;
    for (let i = 0; i < length; i++) {
      if (ctx.deadline !== 0) ctx.checkDeadline();
      forloop.index = i + 1;
      forloop.index0 = i;
      forloop.rindex = length - i;
      forloop.rindex0 = length - i - 1;
      forloop.first = i === 0;
      forloop.last = i === length - 1;
      ctx.bind(variable, items[i]);
      if (renderNodes(this.body, ctx, out) === 1) break;
    }
    ctx.pop();
    return 0;
  }

  private renderElse(ctx: RenderContext, out: Output): Flow {
    ctx.enterVirtual();
    const flow = renderNodes(this.elseBody ?? [], ctx, out);
    ctx.exitVirtual();
    return flow;
  }
}

/** `for x in EXPR [reversed] [limit: n] [offset: n|continue]` with optional `else` (msfc-compat §6.7). */
export function parseFor(token: Token, state: ParseState, loc: SourceLoc): Node {
  const match = SYNTAX.exec(token.value.trim());
  if (!match) throw syntaxError(state, token, "Syntax Error in 'for' tag", 'Use {% for item in collection %}.');
  const attributes = new Map(scanAttributes(token.value.slice(match[0].length + token.value.indexOf(match[0]))));
  const offsetText = attributes.get('offset');
  const limitText = attributes.get('limit');
  const spec: ForSpec = {
    variable: match[1].toLowerCase(),
    name: `${match[1]}-${match[2]}`,
    collection: parseExpression(match[2]),
    reversed: match[3] !== undefined,
    limit: limitText === undefined ? undefined : parseExpression(limitText),
    offset: offsetText === undefined ? undefined : offsetText === 'continue' ? 'continue' : parseExpression(offsetText),
  };
  const body = parseBody(state, token, ['else', 'endfor']);
  const elseBody = body.end.name === 'else' ? parseBody(state, token, ['endfor']).nodes : undefined;
  return new ForNode(loc, spec, body.nodes, elseBody);
}
