import type { Issue } from '../../pipelines/contracts/index.js';
import type { ElementInfo } from '../model/element-table.js';
import { makeIssue } from '../model/issue.js';
import type { ResourceFrame, TypedNode } from '../model/walk.js';
import { quoteValue } from '../structure/primitive-check.js';
import type { BundleIndex, IndexedEntry } from './bundle-index.js';
import { parseRestfulTail } from './bundle-index.js';

const ANY_RESOURCE = 'http://hl7.org/fhir/StructureDefinition/Resource';
const SD_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** Resolution result: the target's resourceType when found inside the bundle or container. */
type Resolution = { found: true; type: string | undefined } | { found: false; external: boolean };

function containerOf(frame: ResourceFrame): ResourceFrame {
  return frame.slot === 'contained' && frame.parent ? frame.parent : frame;
}

function resolveContained(ref: string, frame: ResourceFrame): Resolution {
  const container = containerOf(frame);
  if (ref === '#') return { found: true, type: container.type };
  const contained = Array.isArray(container.value.contained) ? (container.value.contained as { id?: unknown; resourceType?: unknown }[]) : [];
  const hit = contained.find((c) => c && c.id === ref.slice(1));
  return hit ? { found: true, type: String(hit.resourceType) } : { found: false, external: false };
}

function entryOf(frame: ResourceFrame): ResourceFrame {
  let f = frame;
  while (f.slot === 'contained' && f.parent) f = f.parent;
  return f;
}

function firstType(entries: IndexedEntry[] | undefined): Resolution | undefined {
  const e = entries?.[0];
  return e ? { found: true, type: e.resource?.resourceType } : undefined;
}

function resolveInBundle(ref: string, frame: ResourceFrame, bundle: BundleIndex | undefined, fullUrlOf: (f: ResourceFrame) => string | undefined): Resolution {
  const isUrn = ref.startsWith('urn:');
  if (!bundle) return { found: false, external: !isUrn };
  const direct = firstType(bundle.byFullUrl.get(ref));
  if (direct) return direct;
  if (isUrn) return { found: false, external: false };
  const tail = parseRestfulTail(ref);
  if (!tail) return { found: false, external: true };
  const ownBase = parseRestfulTail(fullUrlOf(entryOf(frame)) ?? '')?.base;
  if (tail.base === '' && ownBase) {
    const viaBase = firstType(bundle.byFullUrl.get(ownBase + ref));
    if (viaBase) return viaBase;
  }
  if (tail.base === '' || tail.base === ownBase) {
    const byId = firstType(bundle.byTypeAndId.get(`${tail.type}/${tail.id}`));
    if (byId) return byId;
  }
  return { found: false, external: true };
}

const allowedByElement = new WeakMap<ElementInfo, Set<string> | null>();

function targetTypes(element: ElementInfo): Set<string> | null {
  const profiles = element.targetProfiles;
  if (profiles.length === 0 || profiles.includes(ANY_RESOURCE)) return null;
  return new Set(profiles.map((p) => (p.startsWith(SD_PREFIX) ? p.slice(SD_PREFIX.length) : p)));
}

function allowedTypes(node: TypedNode): Set<string> | undefined {
  const element = node.element;
  if (!element) return undefined;
  let allowed = allowedByElement.get(element);
  if (allowed === undefined) {
    allowed = targetTypes(element);
    allowedByElement.set(element, allowed);
  }
  return allowed ?? undefined;
}

function checkTargetType(node: TypedNode, type: string | undefined, out: Issue[]): void {
  const allowed = allowedTypes(node);
  if (!allowed || !type || allowed.has(type)) return;
  out.push(makeIssue('error', 'structure', 'reference-target', `Reference points to a ${type}, but ${node.element?.path} allows only ${[...allowed].join(', ')}`, node.expression + '.reference'));
}

/** Checks one Reference node: contained, bundle-internal, external, and the target type. */
export function checkReferenceNode(node: TypedNode, bundle: BundleIndex | undefined, fullUrlOf: (f: ResourceFrame) => string | undefined, out: Issue[]): void {
  const ref = (node.value as { reference?: unknown } | null)?.reference;
  if (typeof ref !== 'string' || ref === '') return;
  const res = ref.startsWith('#') ? resolveContained(ref, node.resource) : resolveInBundle(ref, node.resource, bundle, fullUrlOf);
  if (res.found) {
    checkTargetType(node, res.type, out);
    return;
  }
  if (!res.external) {
    out.push(makeIssue('error', 'not-found', 'dangling-reference', `Reference ${quoteValue(ref)} does not resolve to any ${ref.startsWith('#') ? 'contained resource' : 'entry fullUrl in the bundle'}`, node.expression + '.reference'));
    return;
  }
  const tail = parseRestfulTail(ref);
  checkTargetType(node, tail?.type, out);
  if (bundle) out.push(makeIssue('information', 'not-found', 'external-reference', `Reference ${quoteValue(ref)} is not in the bundle; treated as external`, node.expression + '.reference'));
}
