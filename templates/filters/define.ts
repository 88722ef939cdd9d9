import type { CodeMappingFile } from '../runtime/code-mapping.js';

/**
 * Declared type of a filter's input or parameter; the runtime coerces arguments to it the way DotLiquid does
 * (msfc-compat §6.8): primitives convert (`5` → `"5"`, `true` → `"True"`, `"x"` → number fails with a render error),
 * nil becomes 0/false for numeric/bool, and a mapping, list, drop or safe-list given to a primitive type is a
 * render error. `any` passes the value through untouched.
 */
export type FilterParamType = 'string' | 'int' | 'double' | 'decimal' | 'bool' | 'any';

export interface FilterParam {
  name: string;
  type: FilterParamType;
  /** When present the parameter is optional and takes this default (may be `null` for nil). */
  default?: unknown;
}

/** Services a filter may need from the running conversion. Passed as `this`. */
export interface FilterEnv {
  /** The code mapping file of the active collection (CodeSystem/CodeSystem.json or ValueSet/ValueSet.json). */
  codeMapping: CodeMappingFile | undefined;
  /** Injectable clock (`now` filter, `date: 'now'`). */
  now(): Date;
  /** IANA zone used as the host's "local" zone (msfc-compat §11). Default `UTC`. */
  timeZone: string;
}

/** A Liquid filter, declared once; the spec drives registration, argument coercion and generated docs. */
export interface FilterSpec {
  /** snake_case name as used in templates. */
  name: string;
  /** Family, for docs: `hl7v2`, `ccda`, `string`, `math`, `collection`, `date`, `general`, `standard`. */
  family: string;
  summary: string;
  input: FilterParamType;
  params: FilterParam[];
  fn: (this: FilterEnv, input: unknown, ...args: unknown[]) => unknown;
  /** Documented input/output examples; executed by the filter docs test. */
  examples?: { template: string; data?: Record<string, unknown>; output: string }[];
}

export function defineFilter(spec: FilterSpec): FilterSpec {
  return spec;
}
