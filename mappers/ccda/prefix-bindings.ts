/**
 * Prefix → URI declarations in nested scopes, with both lookups indexed: per-prefix and per-URI stacks of
 * declaration indices, undone when a scope closes. {@link lookupNamespace} is O(1); {@link lookupPrefix} costs
 * O(declarations of that URI that a later declaration of their prefix shadows) and is cached per URI until a
 * declaration that could change its answer is added or removed. Declaring or closing costs O(own declarations).
 */
export class PrefixBindings {
  private readonly prefixes: string[] = [];
  private readonly uris: string[] = [];
  private readonly byPrefix = new Map<string, number[]>();
  private readonly byUri = new Map<string, number[]>();
  private readonly marks: number[] = [];
  private readonly prefixOfUri = new Map<string, string | undefined>();

  /** Number of declarations in scope. */
  get size(): number {
    return this.prefixes.length;
  }

  /** Opens a scope; {@link pop} removes every declaration added after it. */
  push(): void {
    this.marks.push(this.prefixes.length);
  }

  /** Closes the innermost scope; with no open scope, keeps the first `floor` declarations. */
  pop(floor = 0): void {
    const mark = this.marks.pop() ?? floor;
    while (this.prefixes.length > mark) this.removeLast();
  }

  /** Declares `prefix` → `uri` in the innermost scope, shadowing earlier declarations of `prefix`. */
  add(prefix: string, uri: string): void {
    const index = this.prefixes.length;
    this.forgetPrefixOf(prefix);
    this.prefixOfUri.delete(uri);
    this.prefixes.push(prefix);
    this.uris.push(uri);
    stackOf(this.byPrefix, prefix).push(index);
    stackOf(this.byUri, uri).push(index);
  }

  /** URI of the innermost declaration of `prefix`, or undefined. */
  lookupNamespace(prefix: string): string | undefined {
    const stack = this.byPrefix.get(prefix);
    return stack !== undefined && stack.length > 0 ? this.uris[stack[stack.length - 1]] : undefined;
  }

  /** Prefix of the most recent declaration of `uri` that no later declaration of the same prefix shadows. */
  lookupPrefix(uri: string): string | undefined {
    const cached = this.prefixOfUri.get(uri);
    if (cached !== undefined || this.prefixOfUri.has(uri)) return cached;
    let found: string | undefined;
    const stack = this.byUri.get(uri);
    if (stack !== undefined) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const prefix = this.prefixes[stack[i]];
        const shadowing = this.byPrefix.get(prefix) as number[];
        if (shadowing[shadowing.length - 1] === stack[i]) {
          found = prefix;
          break;
        }
      }
    }
    this.prefixOfUri.set(uri, found);
    return found;
  }

  private removeLast(): void {
    const prefix = this.prefixes.pop() as string;
    const uri = this.uris.pop() as string;
    this.byPrefix.get(prefix)?.pop();
    this.byUri.get(uri)?.pop();
    this.prefixOfUri.delete(uri);
    this.forgetPrefixOf(prefix);
  }

  /** Drops the cached answer for the URI `prefix` is bound to now (its answer changes when `prefix` is rebound). */
  private forgetPrefixOf(prefix: string): void {
    const bound = this.lookupNamespace(prefix);
    if (bound !== undefined) this.prefixOfUri.delete(bound);
  }
}

function stackOf(index: Map<string, number[]>, key: string): number[] {
  let stack = index.get(key);
  if (stack === undefined) index.set(key, (stack = []));
  return stack;
}
