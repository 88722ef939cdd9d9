import type { Issue } from '../../pipelines/contracts/index.js';
import type { ChildRef, ElementInfo } from '../model/element-table.js';
import { makeIssue } from '../model/issue.js';
import type { TypeRegistry } from '../model/type-registry.js';
import type { TypedNode } from '../model/walk.js';

function isEmptyValue(v: unknown): boolean {
  if (v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v !== 'object') return false;
  for (const k in v) if (Object.hasOwn(v, k)) return false;
  return true;
}

function checkArrayShape(ref: ChildRef, key: string, value: unknown, node: TypedNode, baseKey: string, out: Issue[]): void {
  const el = ref.element;
  const isArray = Array.isArray(value);
  if (el.max > 1 && !isArray) {
    out.push(makeIssue('error', 'structure', 'array-expected', `Element '${key}' repeats (max ${el.max === Infinity ? '*' : el.max}) and must be a JSON array`, childExpression(node, baseKey)));
  } else if (el.max <= 1 && isArray) {
    out.push(makeIssue('error', 'structure', 'max', `Element '${key}' has max cardinality 1 and must not be a JSON array`, childExpression(node, baseKey)));
  } else if (isArray && value.length > el.max) {
    out.push(makeIssue('error', 'structure', 'max', `Element '${key}' has ${value.length} items; at most ${el.max} allowed`, childExpression(node, baseKey)));
  }
  if (isArray && value.length > 0 && value.length < el.min) {
    out.push(makeIssue('error', 'required', 'min', `Element '${key}' has ${value.length} items; at least ${el.min} required`, childExpression(node, baseKey)));
  }
}

function childExpression(node: TypedNode, baseKey: string): string {
  return node.expression + '.' + baseKey;
}

/** Choice elements met so far in the node being checked (reset per node; the check is not re-entrant). */
const seenChoices: ElementInfo[] = [];

function checkKey(node: TypedNode, obj: Record<string, unknown>, key: string, children: Map<string, ChildRef>, registry: TypeRegistry, out: Issue[]): void {
  const isExt = key.charCodeAt(0) === 95;
  const baseKey = isExt ? key.slice(1) : key;
  const ref = children.get(baseKey);
  if (!ref || (isExt && !registry.isPrimitive(ref.type))) {
    out.push(makeIssue('error', 'structure', 'unknown-element', `Unknown element '${key}' in ${node.childrenPath || 'this element'}; check the spelling or move it into an extension`, childExpression(node, baseKey)));
    return;
  }
  const value = obj[key];
  if (value === undefined) return;
  if (isEmptyValue(value) && !(isExt && value === null)) {
    out.push(makeIssue('error', 'structure', 'empty', `Element '${key}' is empty; omit empty elements instead of emitting ${JSON.stringify(value)}`, childExpression(node, baseKey)));
    return;
  }
  if (isExt) return;
  if (ref.element.choice) {
    if (seenChoices.includes(ref.element)) {
      out.push(makeIssue('error', 'structure', 'choice-multiple', `Only one type of ${ref.element.name}[x] may be present`, childExpression(node, baseKey)));
    }
    seenChoices.push(ref.element);
  }
  checkArrayShape(ref, key, value, node, baseKey, out);
}

function onlyIdKeys(keys: string[]): boolean {
  for (const k of keys) if (k !== 'id') return false;
  return true;
}

function isPresent(obj: Record<string, unknown>, el: ElementInfo, children: Map<string, ChildRef>): boolean {
  if (!el.choice) return obj[el.name] !== undefined || obj[el.extName] !== undefined;
  for (const [key, ref] of children) {
    if (ref.element === el && (obj[key] !== undefined || obj['_' + key] !== undefined)) return true;
  }
  return false;
}

/** Structure checks of one complex node: object shape, known keys, arrays, emptiness, required children. */
export function checkComplexNode(node: TypedNode, registry: TypeRegistry, out: Issue[]): void {
  const obj = node.value;
  if (obj === undefined || obj === null) return;
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    out.push(makeIssue('error', 'structure', 'complex-type', `Expected a JSON object for ${node.type}, got ${Array.isArray(obj) ? 'an array' : typeof obj}`, node.expression));
    return;
  }
  const children = node.children;
  if (!children) return;
  const record = obj as Record<string, unknown>;
  const keys = node.keys ?? Object.keys(record);
  if (!node.isResourceRoot && onlyIdKeys(keys)) {
    out.push(makeIssue('error', 'structure', 'empty', `Element ${node.type} has no value and no children (ele-1); omit it`, node.expression));
  }
  seenChoices.length = 0;
  for (const key of keys) {
    if (node.isResourceRoot && key === 'resourceType') continue;
    checkKey(node, record, key, children, registry, out);
  }
  const required = node.table?.required.get(node.childrenPath);
  if (required === undefined) return;
  for (const el of required) {
    if (!isPresent(record, el, children)) {
      const name = el.choice ? `${el.name}[x]` : el.name;
      out.push(makeIssue('error', 'required', 'min', `Missing required element '${name}' (min ${el.min}) in ${node.type}`, `${node.expression}.${el.name}`));
    }
  }
}
