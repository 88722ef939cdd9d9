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

/** Wraps a {@link FilterSpec} with argument count checks and coercion; `this` of the filter is the FilterEnv. */
export function compileFilter(spec: FilterSpec): CompiledFilter {
  const params = spec.params;
  const allAny = spec.input === 'any' && params.every((p) => p.type === 'any');
  return (ctx, input, args) => {
    const zone = ctx.filterEnv.timeZone;
    if (args.length > params.length) throw argumentError(spec.name, `${args.length} arguments (at most ${params.length} allowed)`);
    const call: unknown[] = new Array(params.length);
    for (let i = 0; i < params.length; i++) {
      const param = params[i];
      if (i < args.length) call[i] = allAny ? args[i] : coerceArgument(args[i], param.type, spec.name, zone);
      else if ('default' in param) call[i] = param.default;
      else throw argumentError(spec.name, `too few arguments (missing '${param.name}')`);
    }
    const value = allAny ? input : coerceArgument(input, spec.input, spec.name, zone);
    return spec.fn.call(ctx.filterEnv, value, ...call);
  };
}
