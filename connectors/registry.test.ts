import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONNECTORS, sinkConnectors, sourceConnectors } from './registry.js';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('connector registry', () => {
  it('lists exactly the connector folders', () => {
    const folders = readdirSync(HERE, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(Object.keys(CONNECTORS).sort()).toEqual(folders);
  });

  it.each(Object.entries(CONNECTORS))('%s has a name, summary, description, example, schema and a test', (key, spec) => {
    expect(spec.name).toBe(key);
    expect(spec.summary.length).toBeGreaterThan(10);
    expect(spec.description.length).toBeGreaterThan(10);
    expect(spec.examples.length).toBeGreaterThan(0);
    expect(spec.config.type).toBe('object');
    expect(spec.config.additionalProperties).toBe(false);
    expect(existsSync(join(HERE, key, `${key}.ts`))).toBe(true);
    expect(existsSync(join(HERE, key, `${key}.test.ts`))).toBe(true);
  });

  it('splits sources and sinks', () => {
    expect(Object.keys(sourceConnectors())).toContain('file');
    expect(Object.keys(sinkConnectors())).toContain('ndjson');
    expect(Object.keys(sourceConnectors())).not.toContain('ndjson');
  });
});
