import type { FhirResource } from '../../pipelines/contracts/index.js';
import type { ElementInfo, TypeTable } from './element-table.js';
import { INLINE_TYPES, RESOURCE_SLOT_TYPES } from './type-registry.js';
import type { TypeRegistry } from './type-registry.js';

/** A resource met during the walk (the root, a bundle entry, a contained or parameter resource). */
export interface ResourceFrame {
  value: FhirResource;
  type: string;
  expression: string;
  /** The enclosing frame (bundle or container), undefined for the root. */
  parent: ResourceFrame | undefined;
  /** Key under which the parent holds it (`entry`, `contained`, `resource`, ...). */
  slot: string | undefined;
}

/** One element instance, typed against the core definitions. */
export interface TypedNode {
  value: unknown;
  /** Concrete type code, `''` when unknown. */
  type: string;
  /** Element definition; undefined for resource roots. */
  element: ElementInfo | undefined;
  /** Table holding this node's children (undefined for primitives and unknown types). */
  table: TypeTable | undefined;
  childrenPath: string;
  /** FHIRPath of the instance, e.g. `Bundle.entry[3].resource.code.coding[0]`. */
  expression: string;
  resource: ResourceFrame;
  /** The `_name` companion of a primitive (id/extension). */
  primitiveExt?: unknown;
  isResourceRoot: boolean;
}

/** The flat, typed view of one validated resource tree, built by one walk. */
export interface WalkResult {
  nodes: TypedNode[];
  resources: ResourceFrame[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Walker {
  readonly nodes: TypedNode[] = [];
  readonly resources: ResourceFrame[] = [];
  constructor(private readonly registry: TypeRegistry) {}

  resource(value: FhirResource, expression: string, parent: ResourceFrame | undefined, slot: string | undefined): void {
    const type = typeof value.resourceType === 'string' ? value.resourceType : '';
    const table = this.registry.resourceTypes.has(type) ? this.registry.table(type) : undefined;
    const frame: ResourceFrame = { value, type: table ? type : '', expression, parent, slot };
    this.resources.push(frame);
    const node: TypedNode = { value, type: frame.type, element: undefined, table, childrenPath: type, expression, resource: frame, isResourceRoot: true };
    this.nodes.push(node);
    this.complex(node);
  }

  private complex(node: TypedNode): void {
    const obj = node.value;
    const children = node.table?.children.get(node.childrenPath);
    if (!isObject(obj) || !children) return;
    for (const key of Object.keys(obj)) {
      const isExt = key.charCodeAt(0) === 95;
      const baseKey = isExt ? key.slice(1) : key;
      if (isExt && baseKey in obj) continue;
      const ref = children.get(baseKey);
      if (!ref) continue;
      const value = isExt ? undefined : obj[key];
      const ext = obj['_' + baseKey];
      const base = node.expression + '.' + baseKey;
      if (Array.isArray(value) || (value === undefined && Array.isArray(ext))) {
        const len = Math.max(Array.isArray(value) ? value.length : 0, Array.isArray(ext) ? ext.length : 0);
        for (let i = 0; i < len; i++) {
          this.child(node, (value as unknown[] | undefined)?.[i], ref.type, ref.element, `${base}[${i}]`, (ext as unknown[] | undefined)?.[i], baseKey);
        }
      } else {
        this.child(node, value, ref.type, ref.element, base, ext, baseKey);
      }
    }
  }

  private child(parent: TypedNode, value: unknown, type: string, element: ElementInfo, expression: string, ext: unknown, key: string): void {
    if (RESOURCE_SLOT_TYPES.has(type) && isObject(value)) {
      this.resource(value as FhirResource, expression, parent.resource, key);
      return;
    }
    if (this.registry.isPrimitive(type)) {
      this.primitive(parent, value, type, element, expression, ext);
      return;
    }
    const inline = INLINE_TYPES.has(type) && parent.table?.children.has(element.childrenPath);
    const table = inline ? parent.table : this.registry.table(type);
    const node: TypedNode = {
      value, type, element, table, childrenPath: inline ? element.childrenPath : type, expression, resource: parent.resource, isResourceRoot: false,
    };
    this.nodes.push(node);
    this.complex(node);
  }

  private primitive(parent: TypedNode, value: unknown, type: string, element: ElementInfo, expression: string, ext: unknown): void {
    this.nodes.push({ value, type, element, table: undefined, childrenPath: type, expression, resource: parent.resource, primitiveExt: ext, isResourceRoot: false });
    if (ext === undefined || ext === null) return;
    const extNode: TypedNode = {
      value: ext, type: 'Element', element: undefined, table: this.registry.table('Element'), childrenPath: 'Element', expression, resource: parent.resource, isResourceRoot: false,
    };
    this.nodes.push(extNode);
    this.complex(extNode);
  }
}

/**
 * Walks a resource (and every nested resource) once, typing each element instance through O(1) table lookups.
 * @param rootExpression - FHIRPath of the root, normally its resourceType.
 */
export function walkResource(registry: TypeRegistry, resource: FhirResource, rootExpression?: string): WalkResult {
  const walker = new Walker(registry);
  walker.resource(resource, rootExpression ?? (typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource'), undefined, undefined);
  return { nodes: walker.nodes, resources: walker.resources };
}
