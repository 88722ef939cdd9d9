import type { RenderContext } from '../context.js';
import { parseExpression } from '../expression.js';
import type { Expr } from '../expression.js';
import { FilteredValue } from '../filtered-value.js';
import { readFragment, skipSpaces } from '../markup-scan.js';
import { Output, TextNode, renderNodes } from '../node.js';
import type { Flow, Node } from '../node.js';
import { parseBody, syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import type { SourceLoc } from '../render-error.js';
import { toOutputText } from '../to-text.js';
import type { Token } from '../tokenizer.js';

class AssignNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly target: string,
    private readonly value: FilteredValue,
  ) {}

  render(ctx: RenderContext): Flow {
    ctx.setGlobal(this.target, this.value.evaluate(ctx));
    return 0;
  }
}

const ASSIGN = /^([\w\-.[\]()]+)\s*=\s*/su;

/** `assign name = value | filters` — always writes the global scope (msfc-compat §6.3). */
export function parseAssign(token: Token, state: ParseState, loc: SourceLoc): Node {
  const match = ASSIGN.exec(token.value);
  if (!match) throw syntaxError(state, token, "Syntax Error in 'assign' tag", 'Use {% assign name = value %}.');
  return new AssignNode(loc, match[1].toLowerCase(), FilteredValue.parse(token.value.slice(match[0].length), state.filters));
}

class CaptureNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly target: string,
    private readonly body: Node[],
  ) {}

  render(ctx: RenderContext): Flow {
    const buffer = new Output();
    const flow = renderNodes(this.body, ctx, buffer);
    ctx.setGlobal(this.target, buffer.text);
    return flow;
  }
}

/** `capture name` … `endcapture`: captured text (untrimmed) to the global scope. */
export function parseCapture(token: Token, state: ParseState, loc: SourceLoc): Node {
  const match = /^(\w+)/u.exec(token.value);
  if (!match) throw syntaxError(state, token, "Syntax Error in 'capture' tag", 'Use {% capture name %}.');
  return new CaptureNode(loc, match[1].toLowerCase(), parseBody(state, token, ['endcapture']).nodes);
}

class FlowNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly flow: Flow,
  ) {}

  render(): Flow {
    return this.flow;
  }
}

export function parseBreak(_token: Token, _state: ParseState, loc: SourceLoc): Node {
  return new FlowNode(loc, 1);
}

export function parseContinue(_token: Token, _state: ParseState, loc: SourceLoc): Node {
  return new FlowNode(loc, 2);
}

/** `raw` / `literal`: the tokenizer captured the body as one text token. */
export function parseRaw(token: Token, state: ParseState, loc: SourceLoc): Node {
  const text = state.tokens[state.index]?.kind === 'text' ? state.tokens[state.index++].value : '';
  parseBody(state, token, [`end${token.name}`]);
  return new TextNode(loc, text);
}

/** `comment`: body captured by the tokenizer and dropped. */
export function parseComment(token: Token, state: ParseState, loc: SourceLoc): Node {
  parseRaw(token, state, loc);
  return new TextNode(loc, '');
}

class CycleNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly group: Expr | undefined,
    private readonly key: string,
    private readonly values: Expr[],
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    const group = this.group ? String(this.group.evaluate(ctx)) : this.key;
    const register = `cycle:${group}`;
    const index = Number(ctx.registers.get(register) ?? 0);
    out.text += toOutputText(this.values[index % this.values.length].evaluate(ctx), ctx.filterEnv.timeZone);
    ctx.registers.set(register, (index + 1) % this.values.length);
    return 0;
  }
}

function fragments(markup: string): string[] {
  const items: string[] = [];
  let i = skipSpaces(markup, 0);
  for (;;) {
    const frag = readFragment(markup, i);
    if (!frag) break;
    items.push(frag.text);
    const sep = /^\s*,\s*/.exec(markup.slice(frag.end));
    if (!sep) break;
    i = frag.end + sep[0].length;
  }
  return items;
}

/** `cycle [group:] a, b, …`. */
export function parseCycle(token: Token, state: ParseState, loc: SourceLoc): Node {
  const named = /^\s*("[^"]*"|'[^']*'|[^\s:]+)\s*:\s*(.*)$/su.exec(token.value);
  const list = fragments(named ? named[2] : token.value);
  if (list.length === 0) throw syntaxError(state, token, "Syntax Error in 'cycle' tag", "Use {% cycle 'a', 'b' %}.");
  return new CycleNode(loc, named ? parseExpression(named[1]) : undefined, list.join(','), list.map(parseExpression));
}

class IfChangedNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly body: Node[],
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    const buffer = new Output();
    const flow = renderNodes(this.body, ctx, buffer);
    const key = `ifchanged:${this.loc.file}:${this.loc.line}:${this.loc.col}`;
    if (ctx.registers.get(key) !== buffer.text) {
      ctx.registers.set(key, buffer.text);
      out.text += buffer.text;
    }
    return flow;
  }
}

/** `ifchanged` … `endifchanged`: outputs its body only when it differs from the previous rendering. */
export function parseIfChanged(token: Token, state: ParseState, loc: SourceLoc): Node {
  return new IfChangedNode(loc, parseBody(state, token, ['endifchanged']).nodes);
}
