import type { RenderContext } from './context.js';
import { lookupMember, specialMemberOf } from './lookup.js';
import type { SpecialMember } from './lookup.js';
import { NetDecimal } from './values.js';

/** A compiled operand: literal, variable path, range or the `empty`/`blank` predicate. */
export interface Expr {
  evaluate(ctx: RenderContext): unknown;
}

/** Value of `empty` / `blank` (msfc-compat §6.6); comparisons with it test emptiness. */
export const EMPTY = Symbol('empty');

class LiteralExpr implements Expr {
  constructor(readonly value: unknown) {}
  evaluate(): unknown {
    return this.value;
  }
}

interface PathPart {
  key: string | undefined;
  expr: Expr | undefined;
  special: SpecialMember;
}

class VariableExpr implements Expr {
  constructor(
    private readonly rootName: string | undefined,
    private readonly rootExpr: Expr | undefined,
    private readonly parts: PathPart[],
  ) {}

  evaluate(ctx: RenderContext): unknown {
    let current: unknown;
    if (this.rootName !== undefined) {
      current = ctx.resolve(this.rootName);
    } else {
      const name = this.rootExpr?.evaluate(ctx);
      current = name === null || name === undefined ? undefined : ctx.resolve(String(name).toLowerCase());
    }
    const parts = this.parts;
    for (let i = 0; i < parts.length; i++) {
      if (current === null || current === undefined) return undefined;
      const part = parts[i];
      current = lookupMember(current, part.expr ? part.expr.evaluate(ctx) : part.key, part.special);
    }
    return current;
  }
}

class RangeExpr implements Expr {
  constructor(
    private readonly from: Expr,
    private readonly to: Expr,
  ) {}

  evaluate(ctx: RenderContext): unknown {
    const from = Math.trunc(Number(this.from.evaluate(ctx)));
    const to = Math.trunc(Number(this.to.evaluate(ctx)));
    const items: number[] = [];
    if (Number.isFinite(from) && Number.isFinite(to)) for (let i = from; i <= to; i++) items.push(i);
    return items;
  }
}

const NIL = new LiteralExpr(undefined);
const KEYWORDS: Record<string, Expr> = {
  nil: NIL,
  null: NIL,
  '': NIL,
  true: new LiteralExpr(true),
  false: new LiteralExpr(false),
  empty: new LiteralExpr(EMPTY),
  blank: new LiteralExpr(EMPTY),
};

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d[\d.,]+$/;
const RANGE = /^\((\S+)\.\.(\S+)\)$/s;
const PATH_PART = /\[[^\]]+\]\??|[\p{L}\p{Mn}\p{Nd}\p{Pc}-]+\??/gu;

function parseNumber(text: string): Expr {
  if (INTEGER.test(text)) return new LiteralExpr(Number(text));
  const value = Number(text.replace(/,/g, ''));
  return Number.isNaN(value) ? NIL : new LiteralExpr(new NetDecimal(value));
}

/**
 * Compiles one markup fragment (msfc-compat §6.2): literals first, then a scanned variable path where parts are
 * word runs or bracketed groups and every other character is ignored (`{{x}}` ≡ `x`, `a..b` ≡ `a.b`, `A/B` ≡ `A.B`).
 */
export function parseExpression(text: string): Expr {
  const keyword = KEYWORDS[text];
  if (keyword) return keyword;
  const first = text.charCodeAt(0);
  if (text.length >= 2 && (first === 39 || first === 34) && text.charCodeAt(text.length - 1) === first) {
    return new LiteralExpr(text.slice(1, -1));
  }
  if (INTEGER.test(text) || DECIMAL.test(text)) return parseNumber(text);
  const range = RANGE.exec(text);
  if (range) return new RangeExpr(parseExpression(range[1]), parseExpression(range[2]));
  return parseVariable(text);
}

function parseVariable(text: string): Expr {
  const raw = text.match(PATH_PART);
  if (!raw) return NIL;
  const parts: PathPart[] = raw.map((part) =>
    part.startsWith('[')
      ? { key: undefined, expr: parseExpression(part.slice(1, part.lastIndexOf(']')).trim()), special: undefined }
      : { key: part, expr: undefined, special: specialMemberOf(part) },
  );
  const root = parts.shift() as PathPart;
  return root.expr
    ? new VariableExpr(undefined, root.expr, parts)
    : new VariableExpr((root.key as string).toLowerCase(), undefined, parts);
}

/** A compiled literal expression (used by tags for fixed values). */
export function literal(value: unknown): Expr {
  return new LiteralExpr(value);
}
