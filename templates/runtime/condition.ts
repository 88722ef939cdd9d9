import type { RenderContext } from './context.js';
import { ConversionError, changeType, liquidEquals, netTypeOf, objectEquals, primitiveOf } from './convert.js';
import { enumerate, isEmptyEnumerable } from './enumerate.js';
import { EMPTY, parseExpression } from './expression.js';
import type { Expr } from './expression.js';
import { readFragment, skipSpaces } from './markup-scan.js';
import { renderError } from './render-error.js';
import { isMapping } from './values.js';

/** A compiled `if`/`unless`/`elsif` condition. */
export interface Condition {
  evaluate(ctx: RenderContext): boolean;
}

type Operator = (left: unknown, right: unknown) => boolean;

const collator = new Intl.Collator('en-US');

function equalsWithEmpty(left: unknown, right: unknown): boolean {
  if (left === EMPTY) return right === EMPTY || isEmptyEnumerable(right);
  if (right === EMPTY) return isEmptyEnumerable(left);
  return liquidEquals(left, right);
}

function compareValues(left: unknown, right: unknown): number | undefined {
  if (left === null || left === undefined || right === null || right === undefined) return undefined;
  const type = netTypeOf(left);
  let converted: unknown;
  try {
    converted = type === netTypeOf(right) ? right : changeType(right, type);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    throw comparisonError();
  }
  if (type === 'string') return collator.compare(left as string, converted as string);
  if (type === 'object') throw comparisonError();
  return Number(primitiveOf(left)) - Number(primitiveOf(converted));
}

function comparisonError(): Error {
  return renderError('render.invalid-comparison', 'Values of these types cannot be compared', 'Compare numbers with numbers and strings with strings.');
}

function ordered(test: (n: number) => boolean): Operator {
  return (l, r) => {
    const c = compareValues(l, r);
    return c !== undefined && test(c);
  };
}

function contains(left: unknown, right: unknown): boolean {
  if (typeof left === 'string') {
    if (typeof right !== 'string') {
      throw renderError('render.invalid-contains', "'contains' on a string needs a string on its right", 'Make sure the right operand of contains is a string.');
    }
    return left.includes(right);
  }
  const items = enumerate(left);
  return items ? items.some((item) => objectEquals(item, right)) : false;
}

function edge(first: boolean): Operator {
  return (left, right) => {
    if (typeof left === 'string') return right !== null && right !== undefined && (first ? left.startsWith(String(right)) : left.endsWith(String(right)));
    if (Array.isArray(left) && left.length > 0) return liquidEquals(first ? left[0] : left[left.length - 1], right);
    return false;
  };
}

/** Comparison operators (msfc-compat §6.6). */
const OPERATORS: Record<string, Operator> = {
  '==': equalsWithEmpty,
  '!=': (l, r) => !equalsWithEmpty(l, r),
  '<>': (l, r) => !equalsWithEmpty(l, r),
  '<': ordered((c) => c < 0),
  '>': ordered((c) => c > 0),
  '<=': ordered((c) => c <= 0),
  '>=': ordered((c) => c >= 0),
  contains,
  startsWith: edge(true),
  endsWith: edge(false),
  hasKey: (l, r) => isMapping(l) && r !== null && r !== undefined && Object.hasOwn(l, String(r)),
  hasValue: (l, r) => isMapping(l) && Object.values(l).some((v) => liquidEquals(v, r)),
};

class Comparison implements Condition {
  constructor(
    private readonly left: Expr,
    private readonly operator: string | undefined,
    private readonly right: Expr | undefined,
  ) {}

  evaluate(ctx: RenderContext): boolean {
    const left = this.left.evaluate(ctx);
    if (this.operator === undefined) return left !== null && left !== undefined && left !== false;
    const op = OPERATORS[this.operator];
    if (!op) {
      throw renderError('render.unknown-operator', `Unknown operator ${this.operator}`, 'Use ==, !=, <>, <, >, <=, >=, contains, startsWith, endsWith, hasKey or hasValue.');
    }
    return op(left, this.right ? this.right.evaluate(ctx) : undefined);
  }
}

class Chain implements Condition {
  constructor(
    private readonly parts: Condition[],
    private readonly joins: boolean[],
  ) {}

  evaluate(ctx: RenderContext): boolean {
    return this.evaluateFrom(ctx, 0);
  }

  private evaluateFrom(ctx: RenderContext, i: number): boolean {
    const value = this.parts[i].evaluate(ctx);
    if (i === this.parts.length - 1) return value;
    return this.joins[i] ? value && this.evaluateFrom(ctx, i + 1) : value || this.evaluateFrom(ctx, i + 1);
  }
}

function stripParens(text: string): string {
  if (/^\(\S+\.\.\S+\)$/.test(text)) return text;
  return text.replace(/^\(/, '').replace(/\)$/, '');
}

function readOperand(s: string, i: number): { expr: Expr; end: number } | undefined {
  const start = skipSpaces(s, i);
  const frag = readFragment(s, start) ?? (start < s.length ? { text: s.slice(start).split(/\s/)[0], end: start + s.slice(start).split(/\s/)[0].length } : undefined);
  return frag && frag.text ? { expr: parseExpression(stripParens(frag.text)), end: frag.end } : undefined;
}

function parseComparison(text: string): Condition {
  const left = readOperand(text, 0);
  if (!left) return new Comparison(parseExpression(''), undefined, undefined);
  const opMatch = /^\s*([=!<>a-zA-Z_]+)/.exec(text.slice(left.end));
  if (!opMatch) return new Comparison(left.expr, undefined, undefined);
  const right = readOperand(text, left.end + opMatch[0].length);
  return new Comparison(left.expr, opMatch[1], right?.expr);
}

function splitWords(markup: string): string[] {
  const words: string[] = [];
  let i = skipSpaces(markup, 0);
  while (i < markup.length) {
    let j = i;
    while (j < markup.length && !/\s/.test(markup[j])) {
      const c = markup[j];
      if (c === '"' || c === "'") {
        const close = markup.indexOf(c, j + 1);
        j = close >= 0 ? close + 1 : j + 1;
      } else j++;
    }
    words.push(markup.slice(i, j));
    i = skipSpaces(markup, j);
  }
  return words;
}

/** Compiles condition markup: `and`/`or` with equal precedence, right-associative (msfc-compat §6.6). */
export function parseCondition(markup: string): Condition {
  const parts: Condition[] = [];
  const joins: boolean[] = [];
  let current: string[] = [];
  for (const word of splitWords(markup)) {
    if (word === 'and' || word === 'or') {
      parts.push(parseComparison(current.join(' ')));
      joins.push(word === 'and');
      current = [];
    } else current.push(word);
  }
  parts.push(parseComparison(current.join(' ')));
  return parts.length === 1 ? parts[0] : new Chain(parts, joins);
}

/** Liquid `==` including `empty`/`blank` (for `case`/`when`). */
export function whenEquals(left: unknown, right: unknown): boolean {
  return equalsWithEmpty(left, right);
}
