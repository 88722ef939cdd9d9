import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';
import type { FhirResource } from '../../pipelines/contracts/index.js';
import { loadCoreDefinitions } from '../model/fhir-definitions.js';
import { TypeRegistry } from '../model/type-registry.js';
import { walkResource } from '../model/walk.js';
import { generateMutants } from '../mutation/generate.js';
import { TerminologyService } from '../terminology/terminology-service.js';
import { compileSimple } from './simple-fhirpath.js';

const TYPES = new Set(['Quantity', 'String', 'Boolean', 'CodeableConcept', 'Period', 'DateTime']);
const isType = (s: string): boolean => TYPES.has(s);

function run(expr: string, node: Record<string, unknown>): boolean | undefined {
  return compileSimple(expr, isType)?.(node);
}

describe('simple FHIRPath subset', () => {
  it('evaluates existence, counts, comparisons and three-valued logic', () => {
    expect(run('code.empty() or system.exists()', { code: 'mg' })).toBe(false);
    expect(run('code.empty() or system.exists()', { code: 'mg', system: 'u' })).toBe(true);
    expect(run('(identifier.count() + name.count()) > 0', {})).toBeUndefined();
    expect(run('name.count() > 1', { name: [{}, {}] })).toBe(true);
    expect(run("type = 'document' implies timestamp.hasValue()", { type: 'document' })).toBe(false);
    expect(run("type = 'document' implies timestamp.hasValue()", {})).toBeUndefined();
    expect(run('dataAbsentReason.empty() or value.empty()', { dataAbsentReason: {}, valueQuantity: {} })).toBe(false);
    expect(run('(a.exists() and b.exists()).not()', { a: 1, b: 2 })).toBe(false);
    expect(run('a.exists() xor b.exists()', { a: 1 })).toBe(true);
    expect(run("a.where(b = 'c').exists()", {})).toBe(false);
    expect(run("a.where(b = 'c').exists()", { a: [{ b: 'd' }, { b: 'c' }] })).toBe(true);
    expect(run("a.where(b = 'c').empty()", { a: [{ b: 'd' }, 'c'] })).toBe(true);
    expect(run("a.where(b = 'c').exists()", { a: [{ b: ['c', 'd'] }] })).toBeUndefined();
    expect(compileSimple("a.where(b = 'c').first().exists()", isType)).toBeUndefined();
    expect(run("where(use = 'home').empty()", { use: 'home', city: 'x' })).toBe(false);
    expect(run("where(use = 'home').empty()", { use: 'work' })).toBe(true);
    expect(run("where(use = 'home').empty()", { city: 'x' })).toBe(true);
    expect(run("where(use = 'home').empty()", { use: ['home'] })).toBe(false);
    expect(compileSimple("where(use = 'home')", isType)).toBeUndefined();
    const usCore6 = "(name.family.exists() or name.given.exists()) xor extension.where(url='http://hl7.org/fhir/StructureDefinition/data-absent-reason').exists()";
    expect(run(usCore6, { name: [{ given: ['A'] }] })).toBe(true);
    expect(run(usCore6, { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason' }] })).toBe(true);
    expect(run(usCore6, { name: [{ family: 'B' }], extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason' }] })).toBe(false);
    expect(run(usCore6, { name: [{ text: 'C' }] })).toBe(false);
  });

  it('agrees with fhirpath.js on every constrained node of the fixtures and their mutants', () => {
    const defs = loadCoreDefinitions();
    const registry = new TypeRegistry(defs.structureDefinitions);
    const env = { registry, terminology: new TerminologyService(defs) };
    const names = new Set([...registry.tables.keys(), ...registry.primitives.keys()].map((n) => n.charAt(0).toUpperCase() + n.slice(1)));
    const dir = 'fixtures/fhir/valid';
    const originals = readdirSync(dir).map((f) => ({ name: f, resource: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as FhirResource }));
    const resources = [...originals.map((o) => o.resource), ...generateMutants(originals, env, 5).map((m) => m.resource)];
    let compared = 0;
    const disagreements: string[] = [];
    for (const resource of resources) {
      for (const node of walkResource(registry, resource).nodes) {
        if (!node.table || !node.value || typeof node.value !== 'object' || Array.isArray(node.value)) continue;
        const groups: [string, { key: string; expression: string }[]][] = [];
        if (node.element) groups.push([node.element.path, node.element.constraints]);
        if (node.childrenPath === node.table.name) groups.push([node.table.name, node.table.root.constraints]);
        for (const [base, constraints] of groups) {
          for (const c of constraints) {
            const simple = compileSimple(c.expression, (s) => names.has(s))?.(node.value as Record<string, unknown>);
            if (simple === undefined) continue;
            let reference: unknown[];
            try {
              reference = fhirpath.evaluate(node.value, { base, expression: c.expression }, { resource: node.resource.value }, r4model) as unknown[];
            } catch {
              continue;
            }
            compared++;
            const expected = reference.length === 0 ? undefined : reference[0];
            if (expected !== simple && !(expected === undefined && simple === true)) disagreements.push(`${c.key} ${node.expression}: ${String(simple)} vs ${JSON.stringify(reference)}`);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(disagreements.slice(0, 20)).toEqual([]);
  });
});
