import { parseCondition } from '../condition.js';
import type { Condition } from '../condition.js';
import type { RenderContext } from '../context.js';
import { renderNodes } from '../node.js';
import type { Flow, Node, Output } from '../node.js';
import { parseBody } from '../parser.js';
import type { ParseState } from '../parser.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';

interface Branch {
  /** undefined = `else` (always taken when reached). */
  condition: Condition | undefined;
  negate: boolean;
  nodes: Node[];
}

class ConditionalNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly branches: Branch[],
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    ctx.enterVirtual();
    for (const branch of this.branches) {
      const taken = branch.condition === undefined || branch.condition.evaluate(ctx) !== branch.negate;
      if (taken) {
        const flow = renderNodes(branch.nodes, ctx, out);
        ctx.exitVirtual();
        return flow;
      }
    }
    ctx.exitVirtual();
    return 0;
  }
}

function parseConditional(token: Token, state: ParseState, loc: SourceLoc, negateFirst: boolean): Node {
  const endName = negateFirst ? 'endunless' : 'endif';
  const terminators = ['elsif', 'elseif', 'else', endName];
  const branches: Branch[] = [];
  let condition: Condition | undefined = parseCondition(token.value);
  let negate = negateFirst;
  for (;;) {
    const body = parseBody(state, token, terminators);
    branches.push({ condition, negate, nodes: body.nodes });
    if (body.end.name === endName) break;
    condition = body.end.name === 'else' ? undefined : parseCondition(body.end.value);
    negate = false;
  }
  return new ConditionalNode(loc, branches);
}

/** `if` / `elsif` / `elseif` / `else` (msfc-compat §6.7: `else if x` is a plain `else`). */
export function parseIf(token: Token, state: ParseState, loc: SourceLoc): Node {
  return parseConditional(token, state, loc, false);
}

/** `unless`: first condition negated, later `elsif` branches normal. */
export function parseUnless(token: Token, state: ParseState, loc: SourceLoc): Node {
  return parseConditional(token, state, loc, true);
}
