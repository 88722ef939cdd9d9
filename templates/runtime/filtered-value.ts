import type { RenderContext } from './context.js';
import { parseExpression } from './expression.js';
import type { Expr } from './expression.js';
import type { CompiledFilter } from './filter-invoke.js';
import { parseFilterCalls, readFragment, skipSpaces } from './markup-scan.js';

const NO_ARGS: unknown[] = [];

interface BoundFilter {
  fn: CompiledFilter | undefined;
  args: Expr[];
}

/** A value expression followed by a filter chain, as in `{{ x | f: a, b }}` and `assign` (msfc-compat §6.2, §6.8). */
export class FilteredValue {
  private constructor(
    private readonly value: Expr,
    private readonly filters: BoundFilter[],
  ) {}

  /** Compiles output/assign markup; unknown filters compile to identity (their arguments are still evaluated). */
  static parse(markup: string, filters: ReadonlyMap<string, CompiledFilter>): FilteredValue {
    const frag = readFragment(markup, skipSpaces(markup, 0));
    const value = parseExpression(frag ? frag.text : '');
    const rest = frag ? markup.slice(frag.end) : markup;
    const bound = parseFilterCalls(rest).map((call) => ({
      fn: filters.get(call.name),
      args: call.args.map(parseExpression),
    }));
    return new FilteredValue(value, bound);
  }

  evaluate(ctx: RenderContext): unknown {
    let value = this.value.evaluate(ctx);
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      const filter = filters[i];
      const args = filter.args;
      let values = NO_ARGS;
      if (args.length > 0) {
        values = new Array(args.length);
        for (let j = 0; j < args.length; j++) values[j] = args[j].evaluate(ctx);
      }
      if (filter.fn) value = filter.fn(ctx, value, values);
    }
    return value;
  }
}
