/**
 * Lenient markup scanning shared by outputs and tags (msfc-compat §6.2). A "fragment" is a quoted string or a run of
 * characters other than whitespace, `,` and `|` that may embed quoted strings.
 */

/** A fragment found in markup: its text and the index just after it. */
export interface Fragment {
  text: string;
  end: number;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0x85 || code === 0xa0 || code > 0x1000 && /\s/.test(String.fromCharCode(code));
}

export function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Reads the fragment starting exactly at `i`, or undefined when none starts there. */
export function readFragment(s: string, i: number): Fragment | undefined {
  if (i >= s.length) return undefined;
  const first = s.charCodeAt(i);
  if (first === 34 || first === 39) {
    const close = s.indexOf(s[i], i + 1);
    if (close >= 0) return { text: s.slice(i, close + 1), end: close + 1 };
    return undefined;
  }
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (isSpace(c) || c === 44 || c === 124) break;
    if (c === 34 || c === 39) {
      const close = s.indexOf(s[j], j + 1);
      if (close < 0) break;
      j = close + 1;
      continue;
    }
    j++;
  }
  return j > i ? { text: s.slice(i, j), end: j } : undefined;
}

/** Splits `s` on `|` outside quoted strings. */
export function splitPipes(s: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let j = 0;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 34 || c === 39) {
      const close = s.indexOf(s[j], j + 1);
      if (close >= 0) {
        j = close + 1;
        continue;
      }
    } else if (c === 124) {
      parts.push(s.slice(start, j));
      start = j + 1;
    }
    j++;
  }
  parts.push(s.slice(start));
  return parts;
}

/** A filter call as written: name and argument fragments. */
export interface FilterCallText {
  name: string;
  args: string[];
}

const FILTER_NAME = /^\s*([\p{L}\p{Nd}_]+)/u;

/**
 * Parses the filter part of an output/assign (msfc-compat §6.2): starts at the first `|`; each segment is a name
 * followed by arguments introduced by `:` or `,`; anything that does not fit is ignored.
 */
export function parseFilterCalls(rest: string): FilterCallText[] {
  const pipe = rest.indexOf('|');
  if (pipe < 0) return [];
  const calls: FilterCallText[] = [];
  for (const segment of splitPipes(rest.slice(pipe + 1))) {
    const head = FILTER_NAME.exec(segment);
    if (!head) continue;
    calls.push({ name: head[1], args: scanArguments(segment, head[0].length) });
  }
  return calls;
}

function scanArguments(segment: string, from: number): string[] {
  const args: string[] = [];
  let j = from;
  while (j < segment.length) {
    const c = segment.charCodeAt(j);
    if (c === 34 || c === 39) {
      const close = segment.indexOf(segment[j], j + 1);
      j = close >= 0 ? close + 1 : j + 1;
      continue;
    }
    if (c === 58 || c === 44) {
      const frag = readFragment(segment, skipSpaces(segment, j + 1));
      if (frag) {
        args.push(frag.text);
        j = frag.end;
        continue;
      }
    }
    j++;
  }
  return args;
}

const ATTRIBUTE = /([\p{L}\p{Nd}_]+)\s*:\s*("[^"]*"|'[^']*'|(?:[^\s,|'"]|"[^"]*"|'[^']*')+)/gu;

/** Every `word: fragment` pair anywhere in the markup, in order (DotLiquid tag attributes, msfc-compat §2.4). */
export function scanAttributes(markup: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const match of markup.matchAll(ATTRIBUTE)) pairs.push([match[1], match[2]]);
  return pairs;
}
