import { NetDouble } from '../runtime/values.js';
import { formatDotNetDouble } from '../runtime/dotnet-text.js';
import { isJsonObject } from './json-tree.js';
import type { JsonArray, JsonNode, JsonObject } from './json-tree.js';
import { writeCompactJson } from './newtonsoft-writer.js';
import { jsonMergingError } from './postprocess-error.js';

/**
 * Entry merge of msfc-compat §8.4: entries of the top-level `entry` array that share a key are deep-merged into the
 * first one, in place. Other top-level shapes are left alone.
 * @throws EngineError `postprocess.json-merging` for a duplicate key on a non-object entry or a non-text id part.
 */
export function mergeBundleEntries(top: JsonObject): void {
  const entries = top.get('entry');
  if (!Array.isArray(entries)) return;
  const merged: JsonArray = [];
  const indexByKey = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const key = entryKey(entry, i);
    const at = indexByKey.get(key);
    if (at === undefined) {
      indexByKey.set(key, merged.length);
      merged.push(entry);
      continue;
    }
    const target = merged[at];
    if (!isJsonObject(target) || !isJsonObject(entry)) {
      throw jsonMergingError(`entry ${i} repeats the key of entry ${at} but one of them is not an object`, {
        path: `entry[${i}]`,
      });
    }
    mergeObjects(target, entry);
  }
  top.set('entry', merged);
}

/** `resourceType[_versionId][_id]`, or the compact JSON text when there is no resource type. */
function entryKey(entry: JsonNode, index: number): string {
  const resource = isJsonObject(entry) ? entry.get('resource') : undefined;
  if (!isJsonObject(resource)) return writeCompactJson(entry);
  const type = keyText(resource.get('resourceType'), index, 'resource.resourceType');
  if (type === undefined) return writeCompactJson(entry);
  const meta = resource.get('meta');
  const version = isJsonObject(meta) ? keyText(meta.get('versionId'), index, 'resource.meta.versionId') : undefined;
  const id = keyText(resource.get('id'), index, 'resource.id');
  return type + (version === undefined ? '' : '_' + version) + (id === undefined ? '' : '_' + id);
}

/** Text of a scalar the way .NET converts a JValue to string; undefined for absent or null. */
function keyText(node: JsonNode | undefined, index: number, path: string): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'boolean') return node ? 'True' : 'False';
  if (typeof node === 'number' || typeof node === 'bigint') return node.toString();
  if (node instanceof NetDouble) return formatDotNetDouble(node.value);
  throw jsonMergingError(`entry ${index} has an object or array at ${path}`, { path: `entry[${index}].${path}` });
}

/** Newtonsoft merge with union arrays and ignored nulls (msfc-compat §8.4). */
function mergeObjects(target: JsonObject, source: JsonObject): void {
  for (const [key, incoming] of source) {
    const existing = target.get(key);
    if (existing === undefined) target.set(key, incoming);
    else if (isJsonObject(existing) && isJsonObject(incoming)) mergeObjects(existing, incoming);
    else if (Array.isArray(existing) && Array.isArray(incoming)) unionArrays(existing, incoming);
    else if (incoming !== null) target.set(key, incoming);
  }
}

/** Array sizes up to which pairwise comparison beats building equality keys. */
const PAIRWISE_LIMIT = 64;

function unionArrays(target: JsonArray, incoming: JsonArray): void {
  if (target.length * incoming.length <= PAIRWISE_LIMIT) {
    for (const item of incoming) if (!target.some((have) => deepEqual(have, item))) target.push(item);
    return;
  }
  const seen = new Set<string>(target.map(equalityKey));
  for (const item of incoming) {
    const key = equalityKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    target.push(item);
  }
}

/** Deep equality of msfc-compat §8.4 (same rules as {@link equalityKey}). */
export function deepEqual(a: JsonNode, b: JsonNode): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof NetDouble) return b instanceof NetDouble && a.value === b.value;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isJsonObject(a) || !isJsonObject(b) || a.size !== b.size) return false;
  for (const [key, value] of a) {
    const other = b.get(key);
    if (other === undefined || !deepEqual(value, other)) return false;
  }
  return true;
}

/**
 * Text equal for deep-equal nodes: integer ≠ float, ordinal strings, objects regardless of key order, arrays in
 * order (msfc-compat §8.4). `0.0` and `-0.0` are equal, as .NET double equality says.
 */
export function equalityKey(node: JsonNode): string {
  if (typeof node === 'string') return JSON.stringify(node);
  if (typeof node === 'number' || typeof node === 'bigint') return 'i' + node.toString();
  if (node instanceof NetDouble) return 'f' + String(node.value + 0);
  if (Array.isArray(node)) return '[' + node.map(equalityKey).join(',') + ']';
  if (isJsonObject(node)) {
    const keys = [...node.keys()].sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + equalityKey(node.get(k) as JsonNode)).join(',') + '}';
  }
  return String(node);
}
