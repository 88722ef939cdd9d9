import { createArgumentError } from './filter-error.js';

/**
 * .NET regular expressions run on the JS engine (msfc-compat §7.2 `match`, §6.9 `replace`). Translated: leading
 * inline options `(?i)`, `(?m)`, `(?s)`; `(?'name'…)` groups; `\A`, `\z`, `\Z`; and `$` outside a character class,
 * which in .NET also matches before a final newline. Everything else is passed through (the syntaxes agree on the
 * common subset). Not emulated: the 10 s match timeout, `RegexOptions.IgnorePatternWhitespace`, Unicode `\d`.
 * Compiled patterns are cached.
 */

const CACHE = new Map<string, RegExp>();
const CACHE_LIMIT = 512;
const LEADING_OPTIONS = /^\(\?([imsn]+)\)/;
const END_OR_FINAL_NEWLINE = '(?=\\n?(?![\\s\\S]))';
const ESCAPE_REWRITES: Record<string, string> = { A: '(?<![\\s\\S])', z: '(?![\\s\\S])', Z: END_OR_FINAL_NEWLINE };

function translateBody(pattern: string, multiline: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      out += !inClass && ESCAPE_REWRITES[next] !== undefined ? ESCAPE_REWRITES[next] : ch + next;
      i += 1;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === ']' && inClass) {
      inClass = false;
      out += ch;
    } else if (ch === '$' && !inClass && !multiline) {
      out += END_OR_FINAL_NEWLINE;
    } else if (ch === '(' && !inClass && pattern.startsWith("(?'", i)) {
      const close = pattern.indexOf("'", i + 3);
      out += close > 0 ? `(?<${pattern.slice(i + 3, close)}>` : ch;
      if (close > 0) i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Compiles a .NET pattern (cached); throws `render.filter-argument` naming `filter` when it is not valid. */
export function compileDotNetRegex(pattern: string, filter: string, global = false): RegExp {
  const key = `${global ? 'g' : ''}:${pattern}`;
  const cached = CACHE.get(key);
  if (cached) {
    cached.lastIndex = 0;
    return cached;
  }
  const options = LEADING_OPTIONS.exec(pattern)?.[1] ?? '';
  const flags = [...new Set(options.replace('n', ''))].join('') + (global ? 'g' : '');
  let compiled: RegExp;
  try {
    compiled = new RegExp(translateBody(pattern.slice(options ? options.length + 3 : 0), options.includes('m')), flags);
  } catch {
    throw createArgumentError(filter, 'the regular expression is not valid', 'Fix the .NET regular expression syntax.');
  }
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(key, compiled);
  return compiled;
}
