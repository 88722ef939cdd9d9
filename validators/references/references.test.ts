import { describe, it, expect } from 'vitest';
import { issueLines } from '../test-helpers.js';

const U = (n: number): string => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const patient = { resourceType: 'Patient', gender: 'female' };
const obs = (subject: string): Record<string, unknown> => ({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: subject } });

describe('references validator (bundle integrity)', () => {
  it('resolves urn:uuid, relative and same-base absolute references', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: U(1), resource: patient },
        { fullUrl: U(2), resource: obs(U(1)) },
        { fullUrl: 'http://x.org/fhir/Patient/p9', resource: { ...patient, id: 'p9' } },
        { fullUrl: 'http://x.org/fhir/Observation/o1', resource: { ...obs('Patient/p9'), id: 'o1' } },
        { fullUrl: 'http://x.org/fhir/Observation/o2', resource: { ...obs('http://x.org/fhir/Patient/p9'), id: 'o2' } },
      ],
    };
    expect(issueLines(bundle, undefined, 'all')).toEqual([]);
  });

  it('reports dangling urn references as errors and unresolved others as external information', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: U(2), resource: obs(U(7)) }, { fullUrl: U(3), resource: obs('Patient/elsewhere') }] };
    expect(issueLines(bundle, undefined, 'all')).toEqual([
      'error Bundle.entry[0].resource.subject.reference dangling-reference',
      'information Bundle.entry[1].resource.subject.reference external-reference',
    ]);
  });

  it('checks contained references and reference target types', () => {
    expect(issueLines({ resourceType: 'Patient', managingOrganization: { reference: '#nope' } })).toEqual(['error Patient.managingOrganization.reference dangling-reference']);
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: U(1), resource: obs(U(2)) }, { fullUrl: U(2), resource: { resourceType: 'Medication' } }] };
    expect(issueLines(bundle)).toEqual(['error Bundle.entry[0].resource.subject.reference reference-target']);
  });

  it('requires unique fullUrls and flags conflicting duplicates', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: U(1), resource: patient },
        { fullUrl: U(1), resource: { resourceType: 'Patient', gender: 'male' } },
        { fullUrl: 'http://x.org/fhir/Patient/a', resource: { resourceType: 'Patient', id: 'a', gender: 'male' } },
        { fullUrl: 'http://y.org/fhir/Patient/a', resource: { resourceType: 'Patient', id: 'a', gender: 'female' } },
        { fullUrl: 'http://x.org/fhir/Patient/b', resource: { resourceType: 'Patient', id: 'c' } },
      ],
    };
    expect(issueLines(bundle)).toEqual([
      'error Bundle.entry[1].fullUrl fullurl-unique',
      'error Bundle.entry[4].fullUrl fullurl-id',
      'error Bundle.entry[3].resource conflicting-duplicate',
    ]);
  });

  it('checks transaction and batch requests, and forbids them elsewhere', () => {
    const tx = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: U(1), resource: patient },
        { fullUrl: U(2), resource: patient, request: { method: 'POST', url: 'Observation' } },
        { fullUrl: 'http://x.org/fhir/Patient/a', resource: { ...patient, id: 'a' }, request: { method: 'PUT', url: 'Patient/b' } },
      ],
    };
    expect(issueLines(tx)).toEqual([
      'error Bundle.entry[0].request request-missing',
      'error Bundle.entry[1].request.url request-url',
      'error Bundle.entry[2].request.url request-url',
    ]);
    const collection = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: U(1), resource: patient, request: { method: 'POST', url: 'Patient' } }] };
    expect(issueLines(collection)).toEqual(['error Bundle.entry[0].request request-forbidden']);
  });
});
