import { describe, it, expect } from 'vitest';
import { loadCoreDefinitions } from './fhir-definitions.js';
import { TypeRegistry } from './type-registry.js';
import { walkResource } from './walk.js';

const registry = new TypeRegistry(loadCoreDefinitions().structureDefinitions);

describe('TypeRegistry child references', () => {
  it('marks child references with their walk flags', () => {
    const patient = registry.table('Patient')?.children.get('Patient');
    expect(patient?.get('active')).toMatchObject({ primitive: true, resourceSlot: false, inline: false });
    expect(patient?.get('contact')).toMatchObject({ primitive: false, inline: true });
    expect(registry.table('Bundle')?.children.get('Bundle.entry')?.get('resource')).toMatchObject({ resourceSlot: true });
  });
});

describe('walkResource expressions', () => {
  it('joins FHIRPath expressions from the parent chain', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:a', resource: { resourceType: 'Patient', name: [{ given: ['A', 'B'], _given: [null, { id: 'x' }] }] } }],
    };
    const { nodes, resources } = walkResource(registry, bundle as never);
    const exprs = nodes.map((n) => n.expression);
    expect(exprs).toContain('Bundle.entry[0].resource.name[0].given[1]');
    expect(exprs.filter((e) => e === 'Bundle.entry[0].resource.name[0].given[1]')).toHaveLength(2);
    expect(resources.map((r) => [r.expression, r.holderIndex, r.slot])).toEqual([
      ['Bundle', -1, undefined],
      ['Bundle.entry[0].resource', 0, 'resource'],
    ]);
  });
});
