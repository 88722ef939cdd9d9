import type { FilterParamType, FilterSpec } from '../filters/define.js';
import type { RenderContext } from './context.js';
import { ConversionError, changeType, netTypeOf, toNetString } from './convert.js';
import { renderError } from './render-error.js';

/** A filter ready to call: input and evaluated arguments in, result out. */
export type CompiledFilter = (ctx: RenderContext, input: unknown, args: unknown[]) => unknown;

/** A filter implemented by the runtime itself because it needs the render context (e.g. `batch_render`). */
export interface ContextFilter {
  name: string;
  fn: CompiledFilter;
}

function argumentError(filter: string, what: string): Error {
  return renderError(
    'render.invalid-filter-argument',
    `Filter '${filter}' received ${what}`,
    'Pass a value of the type the filter expects (see the filter documentation).',
  );
}

/**
 * Coerces a value to a declared filter parameter type the way DotLiquid does (msfc-compat §6.8). Numbers come out
 * as plain JS numbers; nil stays nil for `string` and becomes 0/false for numeric/bool types; a date given to a
 * `string` parameter becomes its `MM/dd/yyyy HH:mm:ss` text in `timeZone`.
 */
export function coerceArgument(value: unknown, type: FilterParamType, filter: string, timeZone = 'UTC'): unknown {
  if (type === 'any') return value;
  const net = netTypeOf(value);
  if (net === 'nil') return type === 'string' ? value : type === 'bool' ? false : 0;
  if (net === 'object') throw argumentError(filter, 'an object where a primitive value is required');
  try {
    if (type === 'string') return toNetString(value, timeZone);
    if (type === 'bool') return changeType(value, 'bool');
    return Number(changeType(value, type));
  } catch (err) {
    if (err instanceof ConversionError) throw argumentError(filter, `a value that cannot be converted to ${type}`);
    throw err;
  }
}

/**
 * Wraps a {@link FilterSpec} with argument count checks and coercion; `this` of the filter is the FilterEnv.
 * Filters of up to three parameters are called directly (no argument array, no spread); arguments are coerced in
 * order, then the input, as in the general path.
 */
export function compileFilter(spec: FilterSpec): CompiledFilter {
  const params = spec.params;
  const count = params.length;
  const fn = spec.fn;
  const allAny = spec.input === 'any' && params.every((p) => p.type === 'any');
  const hasDefault = params.map((p) => 'default' in p);
  const checkCount = (args: unknown[]): void => {
    if (args.length > count) throw argumentError(spec.name, `${args.length} arguments (at most ${count} allowed)`);
  };
  const arg = (args: unknown[], i: number, zone: string): unknown => {
    const param = params[i];
    if (i < args.length) return allAny ? args[i] : coerceArgument(args[i], param.type, spec.name, zone);
    if (hasDefault[i]) return param.default;
    throw argumentError(spec.name, `too few arguments (missing '${param.name}')`);
  };
  const input = (value: unknown, zone: string): unknown => (allAny ? value : coerceArgument(value, spec.input, spec.name, zone));
  switch (count) {
    case 0:
      return (ctx, value, args) => {
        checkCount(args);
        return fn.call(ctx.filterEnv, input(value, ctx.filterEnv.timeZone));
      };
    case 1:
      return (ctx, value, args) => {
        const zone = ctx.filterEnv.timeZone;
        checkCount(args);
        const a0 = arg(args, 0, zone);
        return fn.call(ctx.filterEnv, input(value, zone), a0);
      };
    case 2:
      return (ctx, value, args) => {
        const zone = ctx.filterEnv.timeZone;
        checkCount(args);
        const a0 = arg(args, 0, zone);
        const a1 = arg(args, 1, zone);
        return fn.call(ctx.filterEnv, input(value, zone), a0, a1);
      };
    case 3:
      return (ctx, value, args) => {
        const zone = ctx.filterEnv.timeZone;
        checkCount(args);
        const a0 = arg(args, 0, zone);
        const a1 = arg(args, 1, zone);
        const a2 = arg(args, 2, zone);
        return fn.call(ctx.filterEnv, input(value, zone), a0, a1, a2);
      };
    default:
      return (ctx, value, args) => {
        const zone = ctx.filterEnv.timeZone;
        checkCount(args);
        const call: unknown[] = new Array(count);
        for (let i = 0; i < count; i++) call[i] = arg(args, i, zone);
        return fn.call(ctx.filterEnv, input(value, zone), ...call);
      };
  }
}
