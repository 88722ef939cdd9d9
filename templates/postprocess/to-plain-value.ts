import { NetDouble } from '../runtime/values.js';
import { formatNewtonsoftDouble } from '../runtime/dotnet-text.js';
import type { JsonNode, JsonObject } from './json-tree.js';

/**
 * Plain JS form of a tree: integers and doubles become JS numbers (big integers lose precision beyond 2^53),
 * non-finite doubles become the strings Newtonsoft prints for them, so the result equals `JSON.parse` of the text.
 */
export function toPlainValue(node: JsonNode): unknown {
  if (node === null || typeof node !== 'object') return typeof node === 'bigint' ? Number(node) : node;
  if (node instanceof NetDouble) {
    return Number.isFinite(node.value) ? node.value : formatNewtonsoftDouble(node.value);
  }
  if (Array.isArray(node)) return node.map(toPlainValue);
  return toPlainObject(node);
}

/** Plain object with own enumerable properties in tree order (`__proto__` stays an own property, as in JSON.parse). */
export function toPlainObject(node: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  node.forEach((value, key) => {
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: toPlainValue(value), enumerable: true, writable: true, configurable: true });
    } else out[key] = toPlainValue(value);
  });
  return out;
}
