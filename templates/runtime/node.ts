import type { RenderContext } from './context.js';
import { locateError } from './render-error.js';
import type { SourceLoc } from './render-error.js';

/** Control flow signal returned by a node: 0 = normal, 1 = `break`, 2 = `continue`. */
export type Flow = 0 | 1 | 2;

export const FLOW_NORMAL: Flow = 0;
export const FLOW_BREAK: Flow = 1;
export const FLOW_CONTINUE: Flow = 2;

/** Growing output text of one render (string concatenation is rope-backed in V8). */
export class Output {
  text = '';
}

/** A parsed template node. `render` appends to `out` and reports break/continue. */
export interface Node {
  readonly loc: SourceLoc;
  render(ctx: RenderContext, out: Output): Flow;
}

/** A compiled template file. */
export interface CompiledTemplate {
  file: string;
  nodes: Node[];
}

/** Renders a node list, polling the deadline before each node and locating any error at the failing node. */
export function renderNodes(nodes: Node[], ctx: RenderContext, out: Output): Flow {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    let flow: Flow;
    try {
      if (ctx.deadline !== 0) ctx.checkDeadline();
      flow = node.render(ctx, out);
    } catch (err) {
      throw locateError(err, node.loc);
    }
    if (flow !== 0) return flow;
  }
  return 0;
}

/** Literal text. */
export class TextNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly text: string,
  ) {}

  render(_ctx: RenderContext, out: Output): Flow {
    out.text += this.text;
    return 0;
  }
}
