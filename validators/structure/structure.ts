import type { Issue } from '../../pipelines/contracts/index.js';
import { defineValidator } from '../define.js';
import type { ValidationContext } from '../define.js';
import { makeIssue } from '../model/issue.js';
import type { TypedNode } from '../model/walk.js';
import { checkComplexNode } from './object-check.js';
import { checkPrimitive, quoteValue } from './primitive-check.js';

function checkResourceRoot(node: TypedNode, ctx: ValidationContext, out: Issue[]): boolean {
  const rt = (node.value as { resourceType?: unknown }).resourceType;
  if (node.type !== '') return true;
  const text = rt === undefined
    ? 'Missing resourceType; every resource must name its type'
    : `Unknown resourceType ${quoteValue(rt)}; use an R4 resource type name (case-sensitive)`;
  out.push(makeIssue('error', 'structure', 'resource-type', text, node.expression));
  return ctx.registry.resourceTypes.has(String(rt));
}

function checkPrimitiveNode(node: TypedNode, out: Issue[]): void {
  if (node.value === undefined) return;
  if (node.value === null) {
    if (node.index >= 0 && (node.primitiveExt === undefined || node.primitiveExt === null)) {
      out.push(makeIssue('error', 'structure', 'empty', 'Null is only allowed in primitive arrays aligned with an `_element` extension', node.expression));
    }
    return;
  }
  const info = node.primitiveInfo;
  const problem = info ? checkPrimitive(info, node.value) : undefined;
  if (problem) out.push(makeIssue('error', problem.code, problem.rule, problem.text, node.expression));
}

function checkExtensionShape(node: TypedNode, out: Issue[]): void {
  const ext = node.value as Record<string, unknown>;
  const hasValue = (node.keys ?? Object.keys(ext)).some((k) => k.startsWith('value'));
  const hasChildren = Array.isArray(ext.extension) && ext.extension.length > 0;
  if (hasValue === hasChildren) {
    const text = hasValue ? 'Extension has both a value[x] and nested extensions (ext-1)' : 'Extension has neither a value[x] nor nested extensions (ext-1)';
    out.push(makeIssue('error', 'invariant', 'ext-1', text, node.expression));
  }
}

/** Structure: resourceType, known elements, cardinality, types, choice types, primitive formats, empty elements. */
export const structureValidator = defineValidator({
  name: 'structure',
  summary: 'Elements known to the type, cardinality, data types, choice types, primitive formats, no empty elements.',
  description:
    'Walks every resource (including Bundle entries, contained and parameter resources) against the R4 4.0.1 ' +
    'snapshots: unknown keys, JSON array vs single values, min/max, JSON kinds and lexical regexes of primitives, ' +
    'empty objects/arrays/strings, multiple choice variants, missing or unknown resourceType, and extension shape.',
  validate(ctx: ValidationContext): Issue[] {
    const out: Issue[] = [];
    for (const node of ctx.walk.nodes) {
      if (node.isResourceRoot && !checkResourceRoot(node, ctx, out)) continue;
      if (node.isPrimitive) {
        checkPrimitiveNode(node, out);
        continue;
      }
      checkComplexNode(node, ctx.registry, out);
      if (node.type === 'Extension' && node.value !== null && typeof node.value === 'object') checkExtensionShape(node, out);
    }
    return out;
  },
});
