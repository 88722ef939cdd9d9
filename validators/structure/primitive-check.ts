import type { PrimitiveInfo } from '../model/type-registry.js';

/** A primitive finding: rule id, FHIR issue code and message. */
export interface PrimitiveProblem {
  rule: string;
  code: string;
  text: string;
}

const JSON_TYPE_CHECKS: Record<PrimitiveInfo['json'], (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
};

const JSON_TYPE_NAMES: Record<PrimitiveInfo['json'], string> = {
  string: 'a JSON string',
  boolean: 'a JSON boolean (true/false, unquoted)',
  number: 'a JSON number (unquoted)',
  integer: 'a JSON integer number (unquoted)',
};

/** Shortens a value for messages (values stay in the issue, never in logs). */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  return `'${text.length > 60 ? text.slice(0, 57) + '...' : text}'`;
}

/** Checks one primitive value against its JSON kind and the R4 lexical regex (R4 datatypes §2.24.0.1). */
export function checkPrimitive(info: PrimitiveInfo, value: unknown): PrimitiveProblem | undefined {
  if (!JSON_TYPE_CHECKS[info.json](value)) {
    return { rule: 'primitive-type', code: 'structure', text: `Value ${quoteValue(value)} is not a valid ${info.name}: expected ${JSON_TYPE_NAMES[info.json]}` };
  }
  if (value === '') return { rule: 'empty', code: 'value', text: `Empty string is not allowed for ${info.name}; omit the element instead` };
  if (typeof value === 'number') {
    if (info.min !== undefined && value < info.min) {
      return { rule: 'format', code: 'value', text: `Value ${value} is below the minimum ${info.min} of ${info.name}` };
    }
    if (info.json === 'integer' && value > 2147483647) return { rule: 'format', code: 'value', text: `Value ${value} exceeds the 32-bit range of ${info.name}` };
    return undefined;
  }
  if (typeof value === 'string' && info.regex && !info.regex.test(value)) {
    return { rule: 'format', code: 'value', text: `Value ${quoteValue(value)} does not match the ${info.name} format` };
  }
  return undefined;
}
