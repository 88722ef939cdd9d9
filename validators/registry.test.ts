import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { SUPPORT_FOLDERS, VALIDATORS } from './registry.js';

describe('validator registry', () => {
  it('lists exactly the family folders', () => {
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !SUPPORT_FOLDERS.includes(d.name))
      .map((d) => d.name)
      .sort();
    expect(Object.keys(VALIDATORS).sort()).toEqual(folders);
  });

  it('every entry has a name equal to its key, a summary, a description and a test beside it', () => {
    for (const [key, spec] of Object.entries(VALIDATORS)) {
      expect(spec.name).toBe(key);
      expect(spec.summary.length).toBeGreaterThan(10);
      expect(spec.description.length).toBeGreaterThan(20);
      const files = readdirSync(new URL(`./${key}/`, import.meta.url));
      expect(files.some((f) => f.endsWith('.test.ts')), key).toBe(true);
    }
  });
});
