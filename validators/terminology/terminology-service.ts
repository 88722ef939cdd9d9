import { canonicalKey } from '../model/fhir-definitions.js';
import type { CodeSystemJson, ConceptJson, CoreDefinitions, ValueSetIncludeJson, ValueSetJson } from '../model/fhir-definitions.js';

/** The codes of an expanded ValueSet: `system|code` pairs, bare codes, and the systems involved. */
export interface Expansion {
  pairs: Set<string>;
  codes: Set<string>;
  systems: Set<string>;
}

const COMPLETE = 'complete';

const pairIndexes = new WeakMap<Expansion, Map<string, Set<string>>>();

function indexPairs(exp: Expansion): Map<string, Set<string>> {
  const bySystem = new Map<string, Set<string>>();
  for (const pair of exp.pairs) {
    const bar = pair.indexOf('|');
    const system = pair.slice(0, bar);
    let codes = bySystem.get(system);
    if (!codes) bySystem.set(system, (codes = new Set()));
    codes.add(pair.slice(bar + 1));
  }
  return bySystem;
}

/** True when the expansion holds the pair `system|code`, without building the pair string (`''` = no system). */
export function hasPair(exp: Expansion, system: string, code: string): boolean {
  if (system.includes('|')) return exp.pairs.has(`${system}|${code}`);
  let bySystem = pairIndexes.get(exp);
  if (!bySystem) pairIndexes.set(exp, (bySystem = indexPairs(exp)));
  return bySystem.get(system)?.has(code) ?? false;
}

function collectConcepts(concepts: ConceptJson[] | undefined, into: Set<string>): void {
  for (const c of concepts ?? []) {
    into.add(c.code);
    if (c.concept) collectConcepts(c.concept, into);
  }
}

/** ValueSet expansion and CodeSystem lookup over the shipped R4 terminology; every result is cached. */
export class TerminologyService {
  private readonly expansions = new Map<string, Expansion | null>();
  private readonly systems = new Map<string, Set<string> | null>();
  private readonly unexpandable = new Set<string>();

  constructor(private readonly defs: Pick<CoreDefinitions, 'valueSets' | 'codeSystems'>) {}

  /** Number of ValueSets met so far that could not be expanded (filters, external code systems). */
  get skippedValueSets(): number {
    return this.unexpandable.size;
  }

  /** All codes of a complete, shipped CodeSystem; undefined when unknown or not complete. */
  codeSystem(url: string): Set<string> | undefined {
    const cached = this.systems.get(url);
    if (cached !== undefined) return cached ?? undefined;
    const cs: CodeSystemJson | undefined = this.defs.codeSystems.get(url);
    let codes: Set<string> | null = null;
    if (cs && cs.content === COMPLETE && cs.concept) {
      codes = new Set();
      collectConcepts(cs.concept, codes);
    }
    this.systems.set(url, codes);
    return codes ?? undefined;
  }

  /** Expands a ValueSet by canonical URL (version ignored); undefined when it cannot be expanded. */
  expand(url: string): Expansion | undefined {
    const direct = this.expansions.get(url);
    if (direct !== undefined) return direct ?? undefined;
    const result = this.expandCanonical(canonicalKey(url));
    this.expansions.set(url, result ?? null);
    return result;
  }

  private expandCanonical(key: string): Expansion | undefined {
    if (this.expansions.has(key)) return this.expansions.get(key) ?? undefined;
    this.expansions.set(key, null);
    const vs = this.defs.valueSets.get(key);
    const result = vs ? this.expandValueSet(vs) : undefined;
    if (!result) this.unexpandable.add(key);
    this.expansions.set(key, result ?? null);
    return result;
  }

  private expandValueSet(vs: ValueSetJson): Expansion | undefined {
    const out: Expansion = { pairs: new Set(), codes: new Set(), systems: new Set() };
    if (vs.expansion?.contains) {
      this.addContains(vs.expansion.contains, out);
      return out;
    }
    const includes = vs.compose?.include ?? [];
    if (includes.length === 0) return undefined;
    for (const inc of includes) if (!this.include(inc, out)) return undefined;
    for (const exc of vs.compose?.exclude ?? []) {
      if (exc.system && exc.concept && !exc.filter) {
        for (const c of exc.concept) out.pairs.delete(`${exc.system}|${c.code}`);
      }
    }
    out.codes = new Set([...out.pairs].map((p) => p.slice(p.lastIndexOf('|') + 1)));
    return out;
  }

  private addContains(contains: NonNullable<NonNullable<ValueSetJson['expansion']>['contains']>, out: Expansion): void {
    for (const c of contains) {
      if (c.code) {
        out.pairs.add(`${c.system ?? ''}|${c.code}`);
        out.codes.add(c.code);
      }
      if (c.system) out.systems.add(c.system);
      if (c.contains) this.addContains(c.contains as typeof contains, out);
    }
  }

  private include(inc: ValueSetIncludeJson, out: Expansion): boolean {
    for (const ref of inc.valueSet ?? []) {
      const sub = this.expand(ref);
      if (!sub) return false;
      sub.pairs.forEach((p) => out.pairs.add(p));
      sub.systems.forEach((s) => out.systems.add(s));
    }
    if (!inc.system) return true;
    if (inc.filter && inc.filter.length > 0) return false;
    out.systems.add(inc.system);
    if (inc.concept) {
      for (const c of inc.concept) out.pairs.add(`${inc.system}|${c.code}`);
      return true;
    }
    const all = this.codeSystem(inc.system);
    if (!all) return false;
    for (const code of all) out.pairs.add(`${inc.system}|${code}`);
    return true;
  }
}
