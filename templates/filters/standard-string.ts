import { renderError } from '../runtime/render-error.js';
import { defineFilter } from './define.js';
import type { FilterSpec } from './define.js';

type Str = string | null | undefined;

const regexCache = new Map<string, RegExp>();

/** A .NET regular expression pattern as a JS RegExp (global); invalid pattern → render error. */
export function netRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    try {
      regex = new RegExp(pattern, 'g');
    } catch {
      throw renderError('render.invalid-regex', 'Invalid regular expression in a filter argument', 'Fix the pattern (replace, replace_first and remove_first take .NET regular expressions).');
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  regex.lastIndex = 0;
  return regex;
}

const isBlank = (s: Str): boolean => s === null || s === undefined || s.trim() === '';
const NET_SPACE = '[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEFT_SPACE = new RegExp(`^${NET_SPACE}+`);
const RIGHT_SPACE = new RegExp(`${NET_SPACE}+$`);

function htmlEncode(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0) as number;
    if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '&') out += '&amp;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#39;';
    else if ((code >= 0xa0 && code <= 0xff) || code > 0xffff) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

function urlEncode(input: string): string {
  return encodeURIComponent(input)
    .replace(/%20/g, '+')
    .replace(/[~']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const str = (name: string, summary: string, fn: (input: string) => unknown, nilResult: 'nil' | 'input' = 'nil'): FilterSpec =>
  defineFilter({
    name,
    family: 'standard',
    summary,
    input: 'string',
    params: [],
    fn: (input: unknown) => (input === null || input === undefined ? (nilResult === 'nil' ? null : input) : fn(input as string)),
  });

/** DotLiquid20 string filters (msfc-compat §6.9). */
export const STANDARD_STRING_FILTERS: FilterSpec[] = [
  defineFilter({ name: 'append', family: 'standard', summary: 'Appends a string; nil input stays nil.', input: 'string', params: [{ name: 'string', type: 'string' }], fn: (i: unknown, s: unknown) => (i === null || i === undefined ? i : (i as string) + ((s as Str) ?? '')) }),
  defineFilter({ name: 'prepend', family: 'standard', summary: 'Prepends a string; nil input stays nil.', input: 'string', params: [{ name: 'string', type: 'string' }], fn: (i: unknown, s: unknown) => (i === null || i === undefined ? i : ((s as Str) ?? '') + (i as string)) }),
  defineFilter({ name: 'default', family: 'standard', summary: 'The default value when the input is nil, empty or whitespace.', input: 'string', params: [{ name: 'defaultValue', type: 'string' }], fn: (i: unknown, d: unknown) => (isBlank(i as Str) ? d : i) }),
  str('downcase', 'Lower-cases the text.', (s) => s.toLowerCase()),
  str('upcase', 'Upper-cases the text.', (s) => s.toUpperCase()),
  str('capitalize', 'Upper-cases the first letter of every word.', (s) => (isBlank(s) ? s : s.replace(/(^|[^\p{L}\p{Nd}_])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()))),
  str('strip', 'Trims white space at both ends.', (s) => s.replace(LEFT_SPACE, '').replace(RIGHT_SPACE, '')),
  str('lstrip', 'Trims leading white space.', (s) => s.replace(LEFT_SPACE, '')),
  str('rstrip', 'Trims trailing white space.', (s) => s.replace(RIGHT_SPACE, '')),
  str('strip_html', 'Removes HTML tags, scripts, styles and comments.', (s) => s.replace(/<script.*?<\/script>|<!--.*?-->|<style.*?<\/style>/gis, '').replace(/<.*?>/gs, '')),
  str('strip_newlines', 'Removes line breaks.', (s) => s.replace(/\r?\n/g, '')),
  str('newline_to_br', 'Inserts <br /> before every line break.', (s) => s.replace(/(\r?\n)/g, '<br />$1')),
  str('escape', 'HTML-encodes the text.', htmlEncode),
  str('h', 'HTML-encodes the text (alias of escape).', htmlEncode),
  str('escape_once', 'HTML-encodes the text without re-encoding entities.', (s) => htmlEncode(s).replace(/&amp;(#?\w+;)/g, '&$1')),
  str('url_encode', 'URL-encodes the text (form encoding).', urlEncode),
  str('url_decode', 'Decodes URL-encoded text.', (s) => decodeURIComponent(s.replace(/\+/g, ' '))),
  defineFilter({ name: 'truncate', family: 'standard', summary: 'Shortens the text to a length, ending with the truncate string.', input: 'string', params: [{ name: 'length', type: 'int', default: 50 }, { name: 'truncateString', type: 'string', default: '...' }], fn: (i: unknown, len: unknown, t: unknown) => {
    const s = i as Str;
    if (s === null || s === undefined || s.length <= (len as number)) return s;
    const tail = (t as Str) ?? '';
    return s.slice(0, Math.max(0, (len as number) - tail.length)) + tail;
  } }),
  defineFilter({ name: 'truncate_words', family: 'standard', summary: 'Keeps the first words, ending with the truncate string.', input: 'string', params: [{ name: 'words', type: 'int', default: 15 }, { name: 'truncateString', type: 'string', default: '...' }], fn: (i: unknown, n: unknown, t: unknown) => {
    const s = i as Str;
    if (s === null || s === undefined) return s;
    const words = s.split(' ');
    const keep = Math.max(0, n as number);
    return words.length > keep ? words.slice(0, keep).join(' ') + ((t as Str) ?? '') : s;
  } }),
  defineFilter({ name: 'split', family: 'standard', summary: 'Splits on a literal separator, dropping empty entries.', input: 'string', params: [{ name: 'pattern', type: 'string' }], fn: (i: unknown, p: unknown) => {
    const s = i as Str;
    if (isBlank(s)) return [s];
    const sep = (p as Str) ?? '';
    if (sep === '') return (s as string).split('');
    return (s as string).split(sep).filter((part) => part !== '');
  } }),
  defineFilter({ name: 'replace', family: 'standard', summary: 'Replaces every .NET-regex match.', input: 'string', params: [{ name: 'string', type: 'string' }, { name: 'replacement', type: 'string', default: '' }], fn: (i: unknown, p: unknown, r: unknown) => {
    const s = i as Str;
    if (s === null || s === undefined || s === '' || !p) return s;
    return s.replace(netRegex(p as string), (r as Str) ?? '');
  } }),
  defineFilter({ name: 'replace_first', family: 'standard', summary: 'Replaces the first .NET-regex match.', input: 'string', params: [{ name: 'string', type: 'string' }, { name: 'replacement', type: 'string', default: '' }], fn: (i: unknown, p: unknown, r: unknown) => {
    const s = i as Str;
    if (s === null || s === undefined || s === '' || !p) return s;
    return s.replace(new RegExp(netRegex(p as string).source), (r as Str) ?? '');
  } }),
  defineFilter({ name: 'remove', family: 'standard', summary: 'Removes every occurrence of a literal string.', input: 'string', params: [{ name: 'string', type: 'string' }], fn: (i: unknown, p: unknown) => {
    const s = i as Str;
    if (isBlank(s)) return s;
    if (!p) throw renderError('render.invalid-filter-argument', "Filter 'remove' needs a non-empty string", 'Pass the text to remove.');
    return (s as string).split(p as string).join('');
  } }),
  defineFilter({ name: 'remove_first', family: 'standard', summary: 'Removes the first .NET-regex match.', input: 'string', params: [{ name: 'string', type: 'string' }], fn: (i: unknown, p: unknown) => {
    const s = i as Str;
    if (isBlank(s)) return s;
    if (!p) throw renderError('render.invalid-filter-argument', "Filter 'remove_first' needs a non-empty pattern", 'Pass the pattern to remove.');
    return (s as string).replace(new RegExp(netRegex(p as string).source), '');
  } }),
];
