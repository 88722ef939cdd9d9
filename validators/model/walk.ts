import type { FhirResource } from '../../pipelines/contracts/index.js';
import type { ChildRef, ElementInfo, TypeTable } from './element-table.js';
import type { PrimitiveInfo, TypeRegistry } from './type-registry.js';

/** A resource met during the walk (the root, a bundle entry, a contained or parameter resource). */
export class ResourceFrame {
  /** The typed node of the resource itself (set by the walk right after the frame is created). */
  node!: TypedNode;
  constructor(
    readonly value: FhirResource,
    readonly type: string,
    /** The enclosing frame (bundle or container), undefined for the root. */
    readonly parent: ResourceFrame | undefined,
    /** Key under which the parent holds it (`entry`, `contained`, `resource`, ...). */
    readonly slot: string | undefined,
  ) {}

  /** FHIRPath of the resource, e.g. `Bundle.entry[3].resource` (built on first use). */
  get expression(): string {
    return this.node.expression;
  }

  /** Array index of the element holding this resource (`entry[i]` for a bundle entry), -1 when not in an array. */
  get holderIndex(): number {
    return this.node.parent?.index ?? -1;
  }
}

/** One element instance, typed against the core definitions. The FHIRPath is joined lazily from the parent chain. */
export class TypedNode {
  private expr: string | undefined;
  /** Own keys of an object value with known children, as listed by the walk (reused by the structure checks). */
  keys: string[] | undefined = undefined;
  /** Allowed child keys of a complex node (`table.children` at `childrenPath`), undefined when unknown. */
  children: Map<string, ChildRef> | undefined = undefined;
  /** Format of a primitive node's type. */
  primitiveInfo: PrimitiveInfo | undefined = undefined;
  constructor(
    readonly value: unknown,
    /** Concrete type code, `''` when unknown. */
    readonly type: string,
    /** Element definition; undefined for resource roots. */
    readonly element: ElementInfo | undefined,
    /** Table holding this node's children (undefined for primitives and unknown types). */
    readonly table: TypeTable | undefined,
    readonly childrenPath: string,
    readonly resource: ResourceFrame,
    readonly isResourceRoot: boolean,
    /** True for primitive-typed nodes. */
    readonly isPrimitive: boolean,
    /** Parent node (undefined for the walk root); with `key` and `index` it spells the expression. */
    readonly parent: TypedNode | undefined,
    /** JSON key under the parent (the root expression for the walk root). */
    readonly key: string,
    /** Array index under the key, -1 for a single value. */
    readonly index: number,
    /** The `_name` companion of a primitive (id/extension). */
    readonly primitiveExt?: unknown,
  ) {}

  /** FHIRPath of the instance, e.g. `Bundle.entry[3].resource.code.coding[0]`. */
  get expression(): string {
    if (this.expr !== undefined) return this.expr;
    const p = this.parent;
    this.expr = p === undefined ? this.key : this.index < 0 ? `${p.expression}.${this.key}` : `${p.expression}.${this.key}[${this.index}]`;
    return this.expr;
  }
}

/** The flat, typed view of one validated resource tree, built by one walk. */
export interface WalkResult {
  nodes: TypedNode[];
  resources: ResourceFrame[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasUnderscoreKey(keys: string[]): boolean {
  for (const k of keys) if (k.charCodeAt(0) === 95) return true;
  return false;
}

class Walker {
  readonly nodes: TypedNode[] = [];
  readonly resources: ResourceFrame[] = [];
  private readonly elementTable: TypeTable | undefined;
  private readonly elementChildren: Map<string, ChildRef> | undefined;
  constructor(private readonly registry: TypeRegistry) {
    this.elementTable = registry.table('Element');
    this.elementChildren = this.elementTable?.children.get('Element');
  }

  resource(value: FhirResource, parent: ResourceFrame | undefined, holder: TypedNode | undefined, key: string, index: number): void {
    const type = typeof value.resourceType === 'string' ? value.resourceType : '';
    const table = this.registry.resourceTypes.has(type) ? this.registry.table(type) : undefined;
    const frame = new ResourceFrame(value, table ? type : '', parent, holder ? key : undefined);
    this.resources.push(frame);
    const node = new TypedNode(value, frame.type, undefined, table, type, frame, true, false, holder, key, index);
    node.children = table?.children.get(type);
    frame.node = node;
    this.nodes.push(node);
    this.complex(node);
  }

  private complex(node: TypedNode): void {
    const obj = node.value;
    const children = node.children;
    if (!isObject(obj) || !children) return;
    const keys = Object.keys(obj);
    node.keys = keys;
    const anyExt = hasUnderscoreKey(keys);
    for (const key of keys) {
      const isExt = key.charCodeAt(0) === 95;
      const baseKey = isExt ? key.slice(1) : key;
      if (isExt && baseKey in obj) continue;
      const ref = children.get(baseKey);
      if (!ref) continue;
      const value = isExt ? undefined : obj[key];
      const ext = anyExt ? obj['_' + baseKey] : undefined;
      if (Array.isArray(value) || (value === undefined && Array.isArray(ext))) {
        const len = Math.max(Array.isArray(value) ? value.length : 0, Array.isArray(ext) ? ext.length : 0);
        for (let i = 0; i < len; i++) {
          this.child(node, (value as unknown[] | undefined)?.[i], ref, baseKey, i, (ext as unknown[] | undefined)?.[i]);
        }
      } else {
        this.child(node, value, ref, baseKey, -1, ext);
      }
    }
  }

  private child(parent: TypedNode, value: unknown, ref: ChildRef, key: string, index: number, ext: unknown): void {
    const { type, element } = ref;
    if (ref.resourceSlot && isObject(value)) {
      this.resource(value as FhirResource, parent.resource, parent, key, index);
      return;
    }
    if (ref.primitive) {
      this.primitive(parent, value, ref, key, index, ext);
      return;
    }
    const node = new TypedNode(value, type, element, ref.childTable, ref.childPath, parent.resource, false, false, parent, key, index);
    node.children = ref.childMap;
    this.nodes.push(node);
    this.complex(node);
  }

  private primitive(parent: TypedNode, value: unknown, ref: ChildRef, key: string, index: number, ext: unknown): void {
    const { type, element } = ref;
    const node = new TypedNode(value, type, element, undefined, type, parent.resource, false, true, parent, key, index, ext);
    node.primitiveInfo = ref.primitiveInfo;
    this.nodes.push(node);
    if (ext === undefined || ext === null) return;
    const extNode = new TypedNode(ext, 'Element', undefined, this.elementTable, 'Element', parent.resource, false, false, parent, key, index);
    extNode.children = this.elementChildren;
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
  walker.resource(resource, undefined, undefined, rootExpression ?? (typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource'), -1);
  return { nodes: walker.nodes, resources: walker.resources };
}
