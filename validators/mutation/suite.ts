import { readdirSync, readFileSync } from 'node:fs';
import type { FhirResource } from '../../pipelines/contracts/index.js';
import type { FhirValidator } from '../index.js';
import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import { TypeRegistry } from '../model/type-registry.js';
import { loadProfileSet } from '../profiles/load-profiles.js';
import { TerminologyService } from '../terminology/terminology-service.js';
import type { Mutant } from './generate.js';
import type { OperatorEnv } from './operators.js';

/** The JSON resources of a folder, sorted by file name: the originals a mutation suite corrupts. */
export function loadOriginals(dir: string): { name: string; resource: FhirResource }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, resource: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as FhirResource }));
}

/** Operator environment over the core R4 definitions (no user profiles). */
export function coreOperatorEnv(): OperatorEnv {
  const defs = loadCoreDefinitions();
  return { registry: new TypeRegistry(defs.structureDefinitions), terminology: new TerminologyService(defs), profiles: loadProfileSet([], []) };
}

/** Mutants the validator did not report as an error at the mutant's expression with the mutant's rule, described with what it reported instead. */
export function missedMutants(validator: FhirValidator, mutants: Mutant[]): string[] {
  const missed: string[] = [];
  for (const m of mutants) {
    const issues = validator.validate(m.resource);
    const hit = issues.some((i) => i.severity === 'error' && i.expression?.[0] === m.expression && i.details.coding?.[0]?.code === m.rule);
    if (!hit) missed.push(`${m.id} (${m.rule}) got: ${issues.map((i) => `${i.expression?.[0]}:${i.details.coding?.[0]?.code}`).join(' | ')}`);
  }
  return missed;
}

/** Mutant count per operator. */
export function countByOperator(mutants: Mutant[]): Record<string, number> {
  const byOp: Record<string, number> = {};
  for (const m of mutants) byOp[m.operator] = (byOp[m.operator] ?? 0) + 1;
  return byOp;
}
