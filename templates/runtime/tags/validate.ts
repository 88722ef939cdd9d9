import type { RenderContext } from '../context.js';
import { LenientJsonError, parseLenientJson } from '../lenient-json.js';
import { Output, renderNodes } from '../node.js';
import type { Flow, Node } from '../node.js';
import { parseBody, syntaxError } from '../parser.js';
import type { ParseState } from '../parser.js';
import { renderError } from '../render-error.js';
import type { SourceLoc } from '../render-error.js';
import type { Token } from '../tokenizer.js';
import { isMapping } from '../values.js';

const SYNTAX = /^("[^"]*"|'[^']*')\s$/u;

class ValidateNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly schema: string,
    private readonly body: Node[],
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    const validate = ctx.host.getSchemaValidator(this.schema);
    ctx.schemas.push(this.schema);
    ctx.push();
    const buffer = new Output();
    renderNodes(this.body, ctx, buffer);
    ctx.pop();
    let parsed: unknown;
    try {
      parsed = parseLenientJson(buffer.text);
    } catch (err) {
      if (!(err instanceof LenientJsonError)) throw err;
    }
    if (!isMapping(parsed)) {
      throw renderError('render.invalid-validate-content', 'The validate block did not render a JSON object', 'Make the block render one JSON object.');
    }
    const reasons = validate(parsed);
    if (reasons.length > 0) {
      throw renderError('render.validate-unmatched', `The validate block content does not match schema ${this.schema}: ${reasons.join('; ')}`, 'Fix the template so its output satisfies the schema, or fix the schema.');
    }
    out.text += buffer.text;
    return 0;
  }
}

/** `validate "Schema/Name.schema.json"` … `endvalidate` (msfc-compat §2.7). */
export function parseValidate(token: Token, state: ParseState, loc: SourceLoc): Node {
  const match = SYNTAX.exec(token.value);
  if (!match) throw syntaxError(state, token, "Syntax Error in 'validate' tag", 'Use {% validate "Name.schema.json" %} with a single space before %}.');
  return new ValidateNode(loc, match[1].slice(1, -1), parseBody(state, token, ['endvalidate']).nodes);
}
