import type { FhirResource } from '../../pipelines/contracts/index.js';
import { walkResource } from '../model/walk.js';
import { expressionToKeyPath, getAtPath, setAtPath } from './key-path.js';
import type { MutationEdit, OperatorEnv } from './operators.js';
import { OPERATORS } from './operators.js';

/** A corrupted copy of a valid resource and the issue the validator must report. */
export interface Mutant {
  id: string;
  original: string;
  operator: string;
  resource: FhirResource;
  expression: string;
  rule: string;
}

/** Lists every applicable edit of a valid resource, one per (node, operator). */
export function listEdits(resource: FhirResource, env: OperatorEnv): MutationEdit[] {
  const { nodes } = walkResource(env.registry, resource);
  const edits: MutationEdit[] = [];
  for (const node of nodes) {
    if (getAtPath(resource, expressionToKeyPath(node.expression)) !== node.value) continue;
    for (const op of Object.values(OPERATORS)) edits.push(...op(node, env));
  }
  return edits;
}

/** Applies an edit to a deep copy. */
export function applyEdit(resource: FhirResource, e: MutationEdit): FhirResource {
  const copy = structuredClone(resource);
  setAtPath(copy, e.path, e.value);
  return copy;
}

/**
 * Generates mutants of each named original. `stride` keeps every n-th edit per operator (deterministic sampling)
 * so that suites stay fast while covering every operator.
 */
export function generateMutants(originals: { name: string; resource: FhirResource }[], env: OperatorEnv, stride = 1): Mutant[] {
  const out: Mutant[] = [];
  const seen = new Map<string, number>();
  for (const { name, resource } of originals) {
    for (const e of listEdits(resource, env)) {
      const n = seen.get(e.operator) ?? 0;
      seen.set(e.operator, n + 1);
      if (n % stride !== 0) continue;
      out.push({ id: `${name}#${e.operator}@${e.expression}`, original: name, operator: e.operator, resource: applyEdit(resource, e), expression: e.expression, rule: e.rule });
    }
  }
  return out;
}
