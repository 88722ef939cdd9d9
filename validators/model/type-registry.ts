import { buildTypeTable } from './element-table.js';
import type { TypeTable } from './element-table.js';
import type { StructureDefinitionJson } from './fhir-definitions.js';

const REGEX_EXT = 'http://hl7.org/fhir/StructureDefinition/regex';

/** JSON representation kind of each primitive (FHIR R4 JSON format §2.6.2). */
export type PrimitiveJsonKind = 'string' | 'boolean' | 'number' | 'integer';

/** A primitive type: its JSON kind and anchored lexical regex from the core definitions. */
export interface PrimitiveInfo {
  name: string;
  json: PrimitiveJsonKind;
  regex: RegExp | undefined;
  min?: number;
}

const PRIMITIVE_JSON: Record<string, PrimitiveJsonKind> = {
  boolean: 'boolean',
  decimal: 'number',
  integer: 'integer',
  positiveInt: 'integer',
  unsignedInt: 'integer',
};

/** Types whose core regex only means "non-empty" (Java `\\S`/`\\s` are ASCII-only, JS ones are Unicode). */
const NON_EMPTY_ONLY: ReadonlySet<string> = new Set(['string', 'markdown']);

const INTEGER_MIN: Record<string, number> = { positiveInt: 1, unsignedInt: 0, integer: -2147483648 };

/** Types whose children live in the enclosing table (anonymous backbone structures). */
export const INLINE_TYPES: ReadonlySet<string> = new Set(['BackboneElement', 'Element']);

/** Abstract types whose concrete type comes from `resourceType`. */
export const RESOURCE_SLOT_TYPES: ReadonlySet<string> = new Set(['Resource', 'DomainResource']);

/** All core types, primitive formats and resource types, indexed once. */
export class TypeRegistry {
  readonly tables = new Map<string, TypeTable>();
  readonly primitives = new Map<string, PrimitiveInfo>();
  readonly resourceTypes = new Set<string>();
  readonly byUrl = new Map<string, TypeTable>();

  constructor(structureDefinitions: StructureDefinitionJson[]) {
    for (const sd of structureDefinitions) {
      if (!sd.snapshot) continue;
      const isSpecialization = sd.derivation !== 'constraint';
      const key = isSpecialization ? sd.type : sd.url;
      const table = buildTypeTable(sd, key);
      if (isSpecialization) this.tables.set(key, table);
      this.byUrl.set(sd.url, table);
      if (sd.kind === 'resource' && isSpecialization && !sd.abstract) this.resourceTypes.add(sd.type);
      if (sd.kind === 'primitive-type') this.primitives.set(sd.type, this.toPrimitive(sd));
    }
    for (const table of this.byUrl.values()) this.annotate(table);
    for (const table of this.tables.values()) this.annotate(table);
  }

  /** Sets the walk flags of every child reference of a table (primitive, resource slot, inline backbone, child list). */
  annotate(table: TypeTable): void {
    for (const map of table.children.values()) {
      for (const ref of map.values()) {
        ref.primitive = this.primitives.has(ref.type);
        ref.primitiveInfo = this.primitives.get(ref.type);
        ref.resourceSlot = RESOURCE_SLOT_TYPES.has(ref.type);
        ref.inline = INLINE_TYPES.has(ref.type);
        ref.typeTable = this.table(ref.type);
        const inline = ref.inline && table.children.has(ref.element.childrenPath);
        ref.childTable = inline ? table : ref.typeTable;
        ref.childPath = inline ? ref.element.childrenPath : ref.type;
        ref.childMap = ref.childTable?.children.get(ref.childPath);
      }
    }
  }

  private toPrimitive(sd: StructureDefinitionJson): PrimitiveInfo {
    const valueEl = sd.snapshot?.element.find((e) => e.path === `${sd.type}.value`);
    const source = valueEl?.type?.[0]?.extension?.find((e) => e.url === REGEX_EXT)?.valueString;
    return {
      name: sd.type,
      json: PRIMITIVE_JSON[sd.type] ?? 'string',
      regex: source && !NON_EMPTY_ONLY.has(sd.type) ? new RegExp(`^(?:${source})$`) : undefined,
      min: INTEGER_MIN[sd.type],
    };
  }

  /** Table for a type name (`Patient`, `HumanName`) or profile URL. */
  table(name: string): TypeTable | undefined {
    return this.tables.get(name) ?? this.byUrl.get(name);
  }

  isPrimitive(type: string): boolean {
    return this.primitives.has(type);
  }
}
