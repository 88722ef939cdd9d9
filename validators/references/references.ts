import type { Issue } from '../../pipelines/contracts/index.js';
import { defineValidator } from '../define.js';
import type { ValidationContext } from '../define.js';
import type { ResourceFrame } from '../model/walk.js';
import { indexBundle } from './bundle-index.js';
import type { BundleIndex } from './bundle-index.js';
import { checkDuplicates, checkFullUrls, checkRequests } from './bundle-checks.js';
import { checkReferenceNode } from './reference-check.js';

function bundleIndexes(ctx: ValidationContext): Map<ResourceFrame, BundleIndex> {
  const map = new Map<ResourceFrame, BundleIndex>();
  for (const frame of ctx.walk.resources) {
    if (frame.type === 'Bundle') map.set(frame, indexBundle(frame.value, frame.expression));
  }
  return map;
}

function enclosingBundle(frame: ResourceFrame, indexes: Map<ResourceFrame, BundleIndex>): { index: BundleIndex; entryFrame: ResourceFrame } | undefined {
  let f: ResourceFrame | undefined = frame;
  while (f?.parent) {
    const index = indexes.get(f.parent);
    if (index && f.slot === 'resource') return { index, entryFrame: f };
    f = f.parent;
  }
  return undefined;
}

/** Bundle integrity: references resolve, fullUrls unique, transaction/batch requests, conflicting duplicates. */
export const referencesValidator = defineValidator({
  name: 'references',
  summary: 'Bundle integrity: references resolve (or are external), unique fullUrls, correct requests, no conflicting duplicates.',
  description:
    'Resolves every Reference: `#id` against contained resources, `urn:uuid:`/`urn:oid:` against entry fullUrls ' +
    '(error when missing), relative and same-base absolute references against fullUrls and Type/id (information ' +
    'when external). Checks target types against targetProfile, fullUrl uniqueness and agreement with the resource ' +
    'id, transaction/batch `request` presence and url, and duplicate resources with conflicting content.',
  validate(ctx: ValidationContext): Issue[] {
    const out: Issue[] = [];
    const indexes = bundleIndexes(ctx);
    for (const [frame, index] of indexes) {
      checkFullUrls(index, frame.value.type, out);
      checkDuplicates(index, frame.value.type, out);
      if (Array.isArray(frame.value.entry)) checkRequests(index, frame.value, out);
    }
    const fullUrls = new Map<ResourceFrame, string | undefined>();
    for (const frame of ctx.walk.resources) {
      const index = frame.parent && frame.slot === 'resource' ? indexes.get(frame.parent) : undefined;
      const i = index && frame.node.parent?.key === 'entry' ? frame.holderIndex : -1;
      if (index && i >= 0) fullUrls.set(frame, index.entries[i]?.fullUrl);
    }
    const fullUrlOf = (f: ResourceFrame): string | undefined => fullUrls.get(f);
    for (const node of ctx.walk.nodes) {
      if (node.type !== 'Reference') continue;
      checkReferenceNode(node, enclosingBundle(node.resource, indexes)?.index, fullUrlOf, out);
    }
    return out;
  },
});
