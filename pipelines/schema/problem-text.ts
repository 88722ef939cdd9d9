import type { ErrorObject } from 'ajv';
import type { JsonSchema } from '../contracts/connector.js';
import { suggestOneOf } from './suggest.js';

/** Human text of one ajv error: message, fix, and the child key it is about. */
export interface ProblemText {
  message: string;
  suggestion: string;
  /** Key below the error's instance path the problem is about (unknown or missing key). */
  child?: string;
  /** Point at the key rather than the value. */
  asKey?: boolean;
}

type Describe = (e: ErrorObject, schema: JsonSchema) => ProblemText;

const quote = (v: unknown): string => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

const DESCRIBERS: Record<string, Describe> = {
  additionalProperties: (e, schema) => {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys(schema.properties ?? {});
    return { message: `Unknown key ${quote(key)}`, suggestion: suggestOneOf(key, allowed, 'keys allowed here'), child: key, asKey: true };
  },
  required: (e, schema) => {
    const key = String((e.params as { missingProperty: string }).missingProperty);
    const what = schema.properties?.[key]?.description;
    return { message: `Missing required key ${quote(key)}`, suggestion: `Add \`${key}:\`${what ? ` (${what})` : ''}.` };
  },
  enum: (e) => {
    const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
    return { message: `${quote(e.data)} is not an allowed value`, suggestion: suggestOneOf(String(e.data), allowed, 'allowed values') };
  },
  type: (e) => {
    const type = String((e.params as { type: string }).type);
    return { message: `Expected ${type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`}, got ${quote(e.data)}`, suggestion: `Write a ${type} here${type === 'array' ? ' (a YAML list, one `- item` per line)' : ''}.` };
  },
  minimum: (e) => ({ message: `${quote(e.data)} is too small (${e.message ?? ''})`, suggestion: `Use a value ${e.message ?? ''}.` }),
  maximum: (e) => ({ message: `${quote(e.data)} is too large (${e.message ?? ''})`, suggestion: `Use a value ${e.message ?? ''}.` }),
  minItems: () => ({ message: 'The list is empty', suggestion: 'Add at least one entry.' }),
  minLength: () => ({ message: 'The value is empty', suggestion: 'Write a non-empty value.' }),
};

/** Describes an ajv error (run with `verbose: true`) for a pipeline-file problem. */
export function describeAjvError(e: ErrorObject): ProblemText {
  const schema = (e.parentSchema ?? {}) as JsonSchema;
  const describe = DESCRIBERS[e.keyword];
  if (describe) return describe(e, schema);
  return { message: `Invalid value: ${e.message ?? e.keyword}`, suggestion: 'See docs/pipelines.md for the allowed values.' };
}
