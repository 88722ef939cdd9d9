import type { CompiledFilter } from './filter-invoke.js';
import { FilteredValue } from './filtered-value.js';
import { TextNode } from './node.js';
import type { Node, Output, Flow } from './node.js';
import type { RenderContext } from './context.js';
import { templateError } from './render-error.js';
import type { SourceLoc } from './render-error.js';
import type { Token } from './tokenizer.js';
import { tokenize } from './tokenizer.js';
import { toOutputText } from './to-text.js';

/** Parser state handed to tag parsers. */
export interface ParseState {
  readonly file: string;
  readonly tokens: Token[];
  index: number;
  readonly filters: ReadonlyMap<string, CompiledFilter>;
  readonly tags: Readonly<Record<string, TagParser>>;
}

/** Builds the node for tag `token`; block tags consume their body with {@link parseBody}. */
export type TagParser = (token: Token, state: ParseState, loc: SourceLoc) => Node;

/** A parsed body and the tag token that ended it. */
export interface Body {
  nodes: Node[];
  end: Token;
}

class OutputNode implements Node {
  constructor(
    readonly loc: SourceLoc,
    private readonly value: FilteredValue,
  ) {}

  render(ctx: RenderContext, out: Output): Flow {
    out.text += toOutputText(this.value.evaluate(ctx), ctx.filterEnv.timeZone);
    return 0;
  }
}

export function locOf(token: Token, file: string): SourceLoc {
  return { file, line: token.line, col: token.col };
}

export function syntaxError(state: ParseState, token: Token, message: string, suggestion: string): Error {
  return templateError('template.syntax', message, { file: state.file, line: token.line, col: token.col }, suggestion);
}

function parseNodes(state: ParseState, terminators: readonly string[] | undefined, opener?: Token): Body | Node[] {
  const nodes: Node[] = [];
  const { tokens } = state;
  while (state.index < tokens.length) {
    const token = tokens[state.index++];
    const loc = locOf(token, state.file);
    if (token.kind === 'text') nodes.push(new TextNode(loc, token.value));
    else if (token.kind === 'output') nodes.push(new OutputNode(loc, FilteredValue.parse(token.value, state.filters)));
    else if (terminators?.includes(token.name)) return { nodes, end: token };
    else {
      const parser = Object.hasOwn(state.tags, token.name) ? state.tags[token.name] : undefined;
      if (!parser) {
        throw syntaxError(state, token, `Unknown tag '${token.name}'`, 'Check the tag name (tag names are case-sensitive) and that every block is closed in order.');
      }
      nodes.push(parser(token, state, loc));
    }
  }
  if (terminators && opener) {
    throw syntaxError(state, opener, `'${opener.name}' tag was never closed`, `Add {% ${terminators[terminators.length - 1]} %}.`);
  }
  return nodes;
}

/** Parses a block body until one of `terminators` (the last one is the end tag); unclosed → `template.syntax`. */
export function parseBody(state: ParseState, opener: Token, terminators: readonly string[]): Body {
  return parseNodes(state, terminators, opener) as Body;
}

/** Parses a whole template file. */
export function parseTemplate(
  source: string,
  file: string,
  filters: ReadonlyMap<string, CompiledFilter>,
  tags: Readonly<Record<string, TagParser>>,
): Node[] {
  const state: ParseState = { file, tokens: tokenize(source, file), index: 0, filters, tags };
  return parseNodes(state, undefined) as Node[];
}
