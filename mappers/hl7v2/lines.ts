/** One non-empty physical line (segment) of the input, with its position. */
export interface SourceLine {
  text: string;
  /** 0-based character offset of the line in the text it was split from. */
  offset: number;
  /** 1-based physical line number (CR, LF and CRLF each end one line). */
  line: number;
  /** Character offset just after the line terminator (or the text end). */
  end: number;
}

function nextBreak(text: string, from: number, cache: { cr: number; lf: number }): number {
  if (cache.cr >= 0 && cache.cr < from) cache.cr = text.indexOf('\r', from);
  if (cache.lf >= 0 && cache.lf < from) cache.lf = text.indexOf('\n', from);
  if (cache.cr < 0) return cache.lf;
  if (cache.lf < 0) return cache.cr;
  return Math.min(cache.cr, cache.lf);
}

/**
 * Splits on `\r\n`, `\r` and `\n` (mixtures allowed) and drops empty lines; whitespace-only lines are kept
 * (msfc-compat §3.1).
 * @param base - offset and line number of `text` inside a larger input
 */
export function splitLines(text: string, base: { offset: number; line: number } = { offset: 0, line: 1 }): SourceLine[] {
  const lines: SourceLine[] = [];
  const cache = { cr: text.indexOf('\r'), lf: text.indexOf('\n') };
  let pos = 0;
  let line = base.line;
  while (pos < text.length) {
    const brk = nextBreak(text, pos, cache);
    const stop = brk < 0 ? text.length : brk;
    const end = brk < 0 ? stop : stop + (text[stop] === '\r' && text[stop + 1] === '\n' ? 2 : 1);
    if (stop > pos) lines.push({ text: text.slice(pos, stop), offset: base.offset + pos, line, end: base.offset + end });
    pos = end;
    line += 1;
  }
  return lines;
}
