import type { RenderContext } from '../context.js';
import { parseExpression } from '../expression.js';
import type { Expr } from '../expression.js';
import { scanAttributes } from '../markup-scan.js';

/** Named arguments of include/evaluate: `key: value` pairs, commas optional (msfc-compat §2.4). */
export type PartialArgs = [string, Expr][];

export function parsePartialArgs(markup: string): PartialArgs {
  return scanAttributes(markup).map(([key, value]) => [key.toLowerCase(), parseExpression(value)]);
}

/** Pushes a scope and binds the arguments in order (each may see the previous ones). */
export function pushArgs(ctx: RenderContext, args: PartialArgs): void {
  ctx.push();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    ctx.bind(arg[0], arg[1].evaluate(ctx));
  }
}
