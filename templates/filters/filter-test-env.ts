import type { CodeMappingFile } from '../runtime/code-mapping.js';
import type { FilterEnv, FilterSpec } from './define.js';

/** Fixed clock used by the filter tests: 2024-03-05T06:07:08.090Z. */
export const TEST_NOW = new Date(Date.UTC(2024, 2, 5, 6, 7, 8, 90));

/** A FilterEnv for tests: fixed clock, UTC host unless another zone is given. */
export function createTestEnv(timeZone = 'UTC', codeMapping?: CodeMappingFile): FilterEnv {
  return { codeMapping, timeZone, now: () => TEST_NOW };
}

/** Calls a filter the way the engine does, with `env` as `this`. */
export function callFilter(spec: FilterSpec, env: FilterEnv, input: unknown, ...args: unknown[]): unknown {
  return spec.fn.call(env, input, ...args);
}
