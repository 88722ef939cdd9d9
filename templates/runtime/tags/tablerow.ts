import type { RenderContext } from '../context.js';
import { enumerate } from '../enumerate.js';
import { parseExpression } from '../expression.js';
import type { Expr } from '../expression.js';
import { scanAttributes } from '../markup-scan.js';
import { Output, renderNodes } from '../node.js';
import type { Flow, Node } from '../node.js';
import { parseBody, syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';

const SYNTAX = /^(\w+)\s+in\s+((?:[^\s,|'"]|"[^"]*"|'[^']*')+)/u;

interface TableSpec {
  variable: string;
  collection: Expr;
  cols: Expr | undefined;
  offset: number | undefined;
  limit: number | undefined;
}

function toInt(value: unknown): number {
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) ? n : 0;
}

class TableRowNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly spec: TableSpec,
    private readonly body: Node[],
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    const { spec } = this;
    let items = enumerate(spec.collection.evaluate(ctx));
    if (!items) return 0;
    if (spec.offset !== undefined) items = items.slice(Math.max(0, spec.offset));
    if (spec.limit !== undefined) items = items.slice(0, Math.max(0, spec.limit));
    const length = items.length;
    const cols = spec.cols ? toInt(spec.cols.evaluate(ctx)) : 0;
    let row = 1;
    let col = 0;
    out.text += '<tr class="row1">\n';
    ctx.push();
    for (let index = 0; index < length; index++) {
      ctx.bind(spec.variable, items[index]);
      ctx.bind('tablerowloop', {
        length, index: index + 1, index0: index, col: col + 1, col0: col, rindex: length - index, rindex0: length - index - 1,
        first: index === 0, last: index === length - 1, col_first: col === 0, col_last: col === cols - 1,
      });
      col++;
      const cell = new Output();
      renderNodes(this.body, ctx, cell);
      out.text += `<td class="col${col}">${cell.text}</td>`;
      if (col === cols && index !== length - 1) {
        col = 0;
        row++;
        out.text += `</tr>\n<tr class="row${row}">`;
      }
    }
    ctx.pop();
    out.text += '</tr>\n';
    return 0;
  }
}

/** `tablerow x in EXPR [cols: n] [limit: n] [offset: n]` (DotLiquid 2.2 table markup, msfc-compat §6.7). */
export function parseTableRow(token: Token, state: ParseState, loc: SourceLoc): Node {
  const match = SYNTAX.exec(token.value.trim());
  if (!match) throw syntaxError(state, token, "Syntax Error in 'tablerow' tag", 'Use {% tablerow item in collection cols: 3 %}.');
  const attributes = new Map(scanAttributes(token.value));
  const number = (name: string): number | undefined => (attributes.has(name) ? toInt(attributes.get(name)) : undefined);
  const colsText = attributes.get('cols');
  const spec: TableSpec = {
    variable: match[1].toLowerCase(),
    collection: parseExpression(match[2]),
    cols: colsText === undefined ? undefined : parseExpression(colsText),
    offset: number('offset'),
    limit: number('limit'),
  };
  return new TableRowNode(loc, spec, parseBody(state, token, ['endtablerow']).nodes);
}
