/** Result of the trailing-hyphen pass: the rewritten source and the output offsets where a newline was removed. */
export interface HyphenPass {
  text: string;
  removedNewlines: number[];
}

const TRAILING_HYPHEN = /-(\}\}|%\})(\r?\n|[ \t]+)?/g;

/**
 * msfc-compat §6.1 step 1: every `-}}`/`-%}` loses its hyphen and the text right after loses at most one `\n`,
 * one `\r\n`, or one run of spaces/tabs. Applies everywhere, even inside strings and raw blocks.
 */
export function applyTrailingHyphens(source: string): HyphenPass {
  const removedNewlines: number[] = [];
  let removed = 0;
  const text = source.replace(TRAILING_HYPHEN, (match: string, close: string, gap: string | undefined, offset: number) => {
    if (gap !== undefined && gap.endsWith('\n')) removedNewlines.push(offset - removed + close.length);
    removed += match.length - close.length;
    return close;
  });
  return { text, removedNewlines };
}

/** msfc-compat §6.1 step 2: a `{{-`/`{%-` opener strips trailing spaces and tabs (not newlines) of the text before it. */
export function trimTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end === text.length ? text : text.slice(0, end);
}
