import { templateError } from './render-error.js';
import { applyTrailingHyphens, trimTrailingBlanks } from './whitespace.js';

/** A lexical token of a template: literal text, `{{ output }}` or `{% tag %}`. */
export interface Token {
  kind: 'text' | 'output' | 'tag';
  /** Text for `text`; markup between the delimiters for `output`; for `tag` the markup after the tag name. */
  value: string;
  /** Tag name (`tag` only). */
  name: string;
  line: number;
  col: number;
}

const RAW_TAGS: Record<string, RegExp> = {
  raw: /\{%-?\s*endraw\s*%\}/g,
  comment: /\{%-?\s*endcomment\s*%\}/g,
  literal: /\{%-?\s*endliteral\s*%\}/g,
};

const TAG_HEAD = /^\s*(\w+)\s*/;

/** Line/column tracker over the preprocessed text, counting newlines removed by the hyphen pass. */
class LineCounter {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private removedIndex = 0;

  constructor(
    private readonly text: string,
    private readonly removed: number[],
  ) {}

  at(target: number): { line: number; col: number } {
    for (let i = this.offset; i < target; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    while (this.removedIndex < this.removed.length && this.removed[this.removedIndex] <= target) {
      this.line++;
      this.lineStart = this.removed[this.removedIndex];
      this.removedIndex++;
    }
    this.offset = Math.max(this.offset, target);
    return { line: this.line, col: target - this.lineStart + 1 };
  }
}

function findTagEnd(src: string, from: number): number {
  let j = from;
  while (j < src.length - 1) {
    const c = src.charCodeAt(j);
    if (c === 37 && src.charCodeAt(j + 1) === 125) return j;
    if (c === 34 || c === 39) {
      const close = src.indexOf(src[j], j + 1);
      if (close >= 0) {
        j = close + 1;
        continue;
      }
    }
    j++;
  }
  return -1;
}

function findOpener(src: string, from: number): number {
  let i = src.indexOf('{', from);
  while (i >= 0 && i < src.length - 1) {
    const next = src.charCodeAt(i + 1);
    if (next === 123 || next === 37) return i;
    i = src.indexOf('{', i + 1);
  }
  return -1;
}

/** Splits template source into tokens with DotLiquid whitespace control (msfc-compat §6.1). */
export function tokenize(source: string, file: string): Token[] {
  const { text: src, removedNewlines } = applyTrailingHyphens(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  const lines = new LineCounter(src, removedNewlines);
  const tokens: Token[] = [];
  let pos = 0;
  const pushText = (value: string, at: number): void => {
    if (value.length === 0) return;
    const { line, col } = lines.at(at);
    tokens.push({ kind: 'text', value, name: '', line, col });
  };
  for (;;) {
    const start = findOpener(src, pos);
    if (start < 0) break;
    const isTag = src.charCodeAt(start + 1) === 37;
    const trimLeft = src.charCodeAt(start + 2) === 45;
    const text = src.slice(pos, start);
    pushText(trimLeft ? trimTrailingBlanks(text) : text, pos);
    const bodyStart = start + (trimLeft ? 3 : 2);
    const { line, col } = lines.at(start);
    if (isTag) {
      const end = findTagEnd(src, bodyStart);
      if (end < 0) throw unterminated(file, line, col, 'tag');
      const body = src.slice(bodyStart, end);
      const head = TAG_HEAD.exec(body);
      if (!head) throw templateError('template.syntax', `Tag '{%${body}%}' has no tag name`, { file, line, col }, 'Write a tag name right after {%.');
      tokens.push({ kind: 'tag', value: body.slice(head[0].length), name: head[1], line, col });
      pos = end + 2;
      const rawEnd = RAW_TAGS[head[1]];
      if (rawEnd) pos = captureRaw(src, pos, rawEnd, head[1], tokens, lines, file, line, col);
    } else {
      const end = src.indexOf('}}', bodyStart);
      if (end < 0) throw unterminated(file, line, col, 'variable');
      tokens.push({ kind: 'output', value: src.slice(bodyStart, end), name: '', line, col });
      pos = end + 2;
    }
  }
  pushText(src.slice(pos), pos);
  return tokens;
}

function captureRaw(
  src: string,
  from: number,
  endPattern: RegExp,
  name: string,
  tokens: Token[],
  lines: LineCounter,
  file: string,
  line: number,
  col: number,
): number {
  endPattern.lastIndex = from;
  const match = endPattern.exec(src);
  if (!match) {
    throw templateError('template.syntax', `'${name}' tag was never closed`, { file, line, col }, `Add {% end${name} %}.`);
  }
  const body = src.slice(from, match.index);
  const content = match[0].startsWith('{%-') ? trimTrailingBlanks(body) : body;
  const at = lines.at(from);
  tokens.push({ kind: 'text', value: content, name: '', line: at.line, col: at.col });
  const endAt = lines.at(match.index);
  tokens.push({ kind: 'tag', value: '', name: `end${name}`, line: endAt.line, col: endAt.col });
  return match.index + match[0].length;
}

function unterminated(file: string, line: number, col: number, what: string): Error {
  return templateError(
    'template.syntax',
    `A ${what} opened here was not properly terminated`,
    { file, line, col },
    what === 'tag' ? 'Close the tag with %}.' : 'Close the output with }}.',
  );
}
