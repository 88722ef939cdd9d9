import type { NetDouble } from '../runtime/values.js';

/**
 * The JSON tree that post-processing works on. It keeps the distinctions Newtonsoft's JToken model keeps and plain
 * JS values lose (msfc-compat §8.3, §9.2):
 *
 * - `number` is always an integer that fits a JS safe integer; `bigint` is any other integer (long or BigInteger);
 * - {@link NetDouble} (the value model's double) is a NUMBER token with a fraction or an exponent, so `2.0` prints
 *   `2.0`;
 * - {@link JsonObject} is an ordered map: setting an existing key keeps its position (Newtonsoft `Replace`).
 */

/** An ordered JSON object. */
export type JsonObject = Map<string, JsonNode>;

/** An ordered JSON array. */
export type JsonArray = JsonNode[];

/** Any node of the post-processing tree. */
export type JsonNode = string | number | bigint | boolean | null | NetDouble | JsonObject | JsonArray;

export function isJsonObject(node: JsonNode | undefined): node is JsonObject {
  return node instanceof Map;
}

/** Integer node from a NUMBER token text without fraction or exponent (already canonical except `-0`). */
export function integerFromText(text: string): number | bigint {
  if (text.length <= 15) return Number(text) + 0;
  const big = BigInt(text);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}
