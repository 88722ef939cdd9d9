import { coerceArgument } from './filter-invoke.js';
import type { CompiledFilter } from './filter-invoke.js';
import { Output, renderNodes } from './node.js';
import { renderError } from './render-error.js';

/**
 * `batch_render: 'Template', 'varName', collVar=nil` (msfc-compat §7.4): renders the template once per list element
 * in one pushed scope, each output followed by a comma. Nil input → `""`.
 */
export const batchRender: CompiledFilter = (ctx, input, args) => {
  if (args.length < 2 || args.length > 3) {
    throw renderError('render.invalid-filter-argument', `Filter 'batch_render' received ${args.length} arguments (2 or 3 expected)`, "Use batch_render: 'Template', 'itemName'.");
  }
  if (input === null || input === undefined) return '';
  if (!Array.isArray(input)) {
    throw renderError('render.invalid-filter-argument', "Filter 'batch_render' needs a list input", 'Convert the input with to_array first.');
  }
  const template = ctx.host.getTemplate(String(coerceArgument(args[0], 'string', 'batch_render') ?? ''));
  const itemName = String(coerceArgument(args[1], 'string', 'batch_render') ?? '').toLowerCase();
  const collName = coerceArgument(args[2], 'string', 'batch_render') as string | null | undefined;
  ctx.push();
  const out = new Output();
  for (const item of input) {
    ctx.bind(itemName, item);
    if (collName && collName.trim() !== '') ctx.bind(collName.toLowerCase(), input);
    renderNodes(template.nodes, ctx, out);
    out.text += ',';
  }
  ctx.pop();
  return out.text;
};
