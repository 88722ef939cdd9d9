import type { ElementDefinitionJson, StructureDefinitionJson } from './fhir-definitions.js';
import type { PrimitiveInfo } from './type-registry.js';

/** One FHIRPath constraint kept for evaluation. */
export interface ConstraintInfo {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression: string;
}

/** A precompiled element of a type or profile. */
export interface ElementInfo {
  /** Snapshot path, e.g. `Observation.value[x]`. */
  path: string;
  /** JSON base name (`value` for `value[x]`). */
  name: string;
  /** Key of the primitive extension companion (`_` + name). */
  extName: string;
  min: number;
  max: number;
  /** Concrete type codes (`string`, `Quantity`, `BackboneElement`, `Resource`). */
  types: string[];
  targetProfiles: string[];
  choice: boolean;
  /** Table path under which this element's children are listed (differs for `contentReference`). */
  childrenPath: string;
  binding: { strength: string; valueSet: string } | undefined;
  constraints: ConstraintInfo[];
  definition: ElementDefinitionJson;
}

/** One JSON key allowed under a parent path. */
export interface ChildRef {
  element: ElementInfo;
  /** Concrete type for this key (choice suffix resolved). */
  type: string;
  /** Walk flags, set once by the TypeRegistry: the type is primitive, an abstract resource slot, an inline backbone. */
  primitive: boolean;
  resourceSlot: boolean;
  inline: boolean;
  /** Table of `type` (undefined for primitives and unknown types), set once by the TypeRegistry. */
  typeTable: TypeTable | undefined;
  /**
   * Where a complex child's own children are listed, set once by the TypeRegistry: the owning table and the
   * element's children path for inline backbones, else the type's table and name; `childMap` is that list.
   */
  childTable: TypeTable | undefined;
  childPath: string;
  childMap: Map<string, ChildRef> | undefined;
  /** Primitive format of `type` (undefined for complex types), set once by the TypeRegistry. */
  primitiveInfo: PrimitiveInfo | undefined;
}

/** Precompiled element tables of one StructureDefinition; every lookup during a walk is O(1). */
export interface TypeTable {
  name: string;
  url: string;
  kind: string;
  root: ElementInfo;
  elements: Map<string, ElementInfo>;
  children: Map<string, Map<string, ChildRef>>;
  required: Map<string, ElementInfo[]>;
}

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const BEST_PRACTICE_EXT = 'http://hl7.org/fhir/StructureDefinition/elementdefinition-bestpractice';
const SYSTEM_TYPE_PREFIX = 'http://hl7.org/fhirpath/System.';

/** Constraints checked elsewhere (structure walk) or by design not evaluated (msfc: docs/validator.md). */
export const SKIPPED_CONSTRAINT_KEYS: ReadonlySet<string> = new Set(['ele-1', 'ext-1']);

function resolveTypeCode(t: NonNullable<ElementDefinitionJson['type']>[number]): string {
  if (!t.code.startsWith(SYSTEM_TYPE_PREFIX)) return t.code;
  const ext = t.extension?.find((e) => e.url === FHIR_TYPE_EXT);
  return ext?.valueUrl ?? ext?.valueString ?? 'string';
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function keepConstraint(c: NonNullable<ElementDefinitionJson['constraint']>[number]): boolean {
  if (!c.expression || SKIPPED_CONSTRAINT_KEYS.has(c.key)) return false;
  return !c.extension?.some((e) => e.url === BEST_PRACTICE_EXT && e.valueBoolean === true);
}

/** Builds an {@link ElementInfo} from a snapshot ElementDefinition. */
export function toElementInfo(def: ElementDefinitionJson): ElementInfo {
  const lastDot = def.path.lastIndexOf('.');
  const last = def.path.slice(lastDot + 1);
  const choice = last.endsWith('[x]');
  const types = def.base?.path === 'Resource.id' ? ['id'] : (def.type ?? []).map(resolveTypeCode);
  return {
    path: def.path,
    name: choice ? last.slice(0, -3) : last,
    extName: '_' + (choice ? last.slice(0, -3) : last),
    min: def.min ?? 0,
    max: def.max === undefined || def.max === '*' ? Infinity : Number(def.max),
    types,
    targetProfiles: (def.type ?? []).flatMap((t) => t.targetProfile ?? []),
    choice,
    childrenPath: def.contentReference ? def.contentReference.slice(def.contentReference.indexOf('#') + 1) : def.path,
    binding: def.binding?.valueSet ? { strength: def.binding.strength, valueSet: def.binding.valueSet } : undefined,
    constraints: (def.constraint ?? []).filter(keepConstraint).map((c) => ({
      key: c.key,
      severity: c.severity === 'warning' ? 'warning' : 'error',
      human: c.human,
      expression: c.expression as string,
    })),
    definition: def,
  };
}

function newChildRef(element: ElementInfo, type: string): ChildRef {
  return { element, type, primitive: false, resourceSlot: false, inline: false, typeTable: undefined, childTable: undefined, childPath: type, childMap: undefined, primitiveInfo: undefined };
}

function addChild(table: TypeTable, el: ElementInfo): void {
  const parent = el.path.slice(0, el.path.lastIndexOf('.'));
  let map = table.children.get(parent);
  if (!map) {
    map = new Map();
    table.children.set(parent, map);
  }
  if (el.choice) {
    for (const t of el.types) map.set(el.name + upperFirst(t), newChildRef(el, t));
  } else {
    map.set(el.name, newChildRef(el, el.types[0] ?? 'Element'));
  }
  if (el.min > 0) {
    const req = table.required.get(parent) ?? [];
    req.push(el);
    table.required.set(parent, req);
  }
}

/** Precompiles the snapshot of a StructureDefinition into lookup tables (slices are ignored here). */
export function buildTypeTable(sd: StructureDefinitionJson, key: string): TypeTable {
  const defs = (sd.snapshot?.element ?? []).filter((d) => d.sliceName === undefined && !(d.id ?? '').includes(':'));
  const root = toElementInfo(defs[0]);
  const table: TypeTable = { name: key, url: sd.url, kind: sd.kind, root, elements: new Map(), children: new Map(), required: new Map() };
  for (const def of defs.slice(1)) {
    const el = toElementInfo(def);
    if (el.max === 0) continue;
    table.elements.set(el.path, el);
    addChild(table, el);
  }
  return table;
}
