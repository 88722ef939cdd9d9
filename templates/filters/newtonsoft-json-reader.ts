import { detectNewtonsoftDate } from '../runtime/dotnet-date.js';
import { LenientJsonError, parseLenientJson } from '../runtime/lenient-json.js';
import { createArgumentError } from './filter-error.js';

const MAX_DEPTH = 64;
const PARSED = new Map<string, unknown>();
const PARSED_LIMIT = 8;

function read(text: string, filter: string): unknown {
  try {
    return parseLenientJson(text, {
      reviveDate: detectNewtonsoftDate,
      maxDepth: MAX_DEPTH,
      quotedNamesOnly: true,
    });
  } catch (err) {
    if (!(err instanceof LenientJsonError)) throw err;
    throw createArgumentError(filter, `input is not valid JSON at offset ${err.position}`, 'Pass well-formed JSON text.');
  }
}

/**
 * Newtonsoft `JToken.Parse` for the `evaluate`/`get_object` filters (msfc-compat §7.1, §9.3) through the one lenient
 * reader: dates detected as date values (local ones follow the host zone they are printed in), nesting limited to
 * 64, quoted property names only. Bad input throws `render.filter-argument` naming `filter`. The last few documents are cached because templates evaluate many paths
 * against the same text; callers must not mutate the result.
 */
export function readNewtonsoftJson(text: string, filter: string): unknown {
  if (PARSED.has(text)) return PARSED.get(text);
  const value = read(text, filter);
  if (PARSED.size >= PARSED_LIMIT) PARSED.delete(PARSED.keys().next().value as string);
  PARSED.set(text, value);
  return value;
}
