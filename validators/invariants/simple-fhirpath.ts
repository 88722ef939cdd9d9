/**
 * A compiler for the small boolean subset of FHIRPath that most R4 invariants use (`a.empty() or b.exists()`,
 * `x.count() > 0`, `where(use = 'home').empty()` on the focus, `type = 'document' implies ...`), evaluated directly over JSON. Three-valued logic follows
 * FHIRPath §6.5 (empty propagates). Anything outside the subset yields undefined, and fhirpath.js is used instead.
 */
export type SimplePredicate = (node: Record<string, unknown>) => boolean | undefined;

type Value = boolean | undefined;
type Collection = unknown[];
type Eval = (node: Record<string, unknown>) => Value;
type PathEval = (node: Record<string, unknown>) => Collection;

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|!=|[=<>().]))/y;
const KEYWORDS = new Set(['and', 'or', 'xor', 'implies', 'true', 'false']);

interface Token {
  kind: 'num' | 'str' | 'id' | 'op';
  text: string;
}

function tokenize(src: string): Token[] | undefined {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(src);
    if (!m) return undefined;
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'str', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'id', text: m[3] });
    else out.push({ kind: 'op', text: m[4] });
  }
  return out;
}

function children(items: Collection, name: string, isTypeSuffix: (s: string) => boolean): Collection {
  const out: unknown[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const obj = item as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const matches = key === name || (key.startsWith(name) && key.length > name.length && isTypeSuffix(key.slice(name.length)));
      if (!matches) continue;
      const v = obj[key];
      if (Array.isArray(v)) out.push(...v.filter((x) => x !== null));
      else if (v !== undefined && v !== null) out.push(v);
    }
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NOT = (v: Value): Value => (v === undefined ? undefined : !v);
const LOGIC: Record<string, (a: Value, b: Value) => Value> = {
  and: (a, b) => (a === false || b === false ? false : a === true && b === true ? true : undefined),
  or: (a, b) => (a === true || b === true ? true : a === false && b === false ? false : undefined),
  xor: (a, b) => (a === undefined || b === undefined ? undefined : a !== b),
  implies: (a, b) => (a === false ? true : a === true ? b : b === true ? true : undefined),
};
const COMPARE: Record<string, (a: unknown, b: unknown) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => (a as number) < (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
};

class Parser {
  private i = 0;
  constructor(
    private readonly t: Token[],
    private readonly isTypeSuffix: (s: string) => boolean,
  ) {}

  done(): boolean {
    return this.i >= this.t.length;
  }

  private peek(text?: string): boolean {
    const tok = this.t[this.i];
    return tok !== undefined && (text === undefined || tok.text === text);
  }

  private take(text?: string): Token {
    const tok = this.t[this.i];
    if (!tok || (text !== undefined && tok.text !== text)) throw new Error('unsupported');
    this.i++;
    return tok;
  }

  expr(level = 0): Eval {
    const levels = [['implies'], ['or', 'xor'], ['and']];
    if (level === levels.length) return this.comparison();
    let left = this.expr(level + 1);
    while (this.peek() && levels[level].includes(this.t[this.i].text) && this.t[this.i].kind === 'id') {
      const op = LOGIC[this.take().text];
      const l = left;
      const r = this.expr(level + 1);
      left = (n) => op(l(n), r(n));
    }
    return left;
  }

  private comparison(): Eval {
    if (this.peek('(')) {
      this.take('(');
      const inner = this.expr();
      this.take(')');
      return this.suffixNot(inner);
    }
    if (this.peek('where') && this.t[this.i + 1]?.text === '(') return this.suffixNot(this.call((n) => [n]));
    const path = this.path();
    if (this.peek('.')) return this.suffixNot(this.func(path));
    const op = this.t[this.i]?.text;
    if (!op || !(op in COMPARE)) throw new Error('unsupported');
    this.take();
    const lit = this.literal();
    const cmp = COMPARE[op];
    return (n) => {
      const c = path(n);
      if (c.length === 0) return undefined;
      if (c.length > 1 || typeof c[0] === 'object') throw new Error('unsupported');
      return cmp(c[0], lit);
    };
  }

  private suffixNot(e: Eval): Eval {
    if (this.peek('.') && this.t[this.i + 1]?.text === 'not') {
      this.take('.');
      this.take('not');
      this.take('(');
      this.take(')');
      return this.suffixNot((n) => NOT(e(n)));
    }
    return e;
  }

  private func(path: PathEval): Eval {
    this.take('.');
    return this.call(path);
  }

  private call(path: PathEval): Eval {
    const name = this.take().text;
    this.take('(');
    if (name === 'where') {
      const criteria = this.expr();
      this.take(')');
      return this.func((n) => path(n).filter((item) => isRecord(item) && criteria(item) === true));
    }
    this.take(')');
    if (name === 'count') {
      const op = this.take().text;
      const cmp = COMPARE[op];
      if (!cmp) throw new Error('unsupported');
      const lit = this.literal();
      return this.suffixNot((n) => cmp(path(n).length, lit));
    }
    const FN: Record<string, Eval> = {
      empty: (n) => path(n).length === 0,
      exists: (n) => path(n).length > 0,
      hasValue: (n) => {
        const c = path(n);
        return c.length === 1 && (typeof c[0] !== 'object' || c[0] === null);
      },
    };
    const fn = FN[name];
    if (!fn) throw new Error('unsupported');
    return this.suffixNot(fn);
  }

  private path(): PathEval {
    const names: string[] = [];
    do {
      if (names.length > 0) this.take('.');
      const tok = this.take();
      if (tok.kind !== 'id' || KEYWORDS.has(tok.text) || this.peek('(')) throw new Error('unsupported');
      names.push(tok.text);
    } while (this.peek('.') && this.t[this.i + 1]?.kind === 'id' && this.t[this.i + 2]?.text !== '(');
    const isType = this.isTypeSuffix;
    return (n) => names.reduce<Collection>((acc, name) => children(acc, name, isType), [n]);
  }

  private literal(): unknown {
    const tok = this.take();
    if (tok.kind === 'num') return Number(tok.text);
    if (tok.kind === 'str') return tok.text;
    if (tok.text === 'true' || tok.text === 'false') return tok.text === 'true';
    throw new Error('unsupported');
  }
}

/**
 * Compiles an invariant when it is inside the supported subset; undefined otherwise.
 * @param isTypeSuffix - true for capitalised FHIR type names, so `value` also navigates `valueQuantity`.
 */
export function compileSimple(expression: string, isTypeSuffix: (s: string) => boolean): SimplePredicate | undefined {
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  try {
    const parser = new Parser(tokens, isTypeSuffix);
    const evaluate = parser.expr();
    if (!parser.done()) return undefined;
    return (node) => {
      try {
        return evaluate(node);
      } catch {
        return undefined;
      }
    };
  } catch {
    return undefined;
  }
}
