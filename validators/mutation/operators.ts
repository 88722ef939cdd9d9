import type { TypedNode } from '../model/walk.js';
import type { TypeRegistry } from '../model/type-registry.js';
import type { TerminologyService } from '../terminology/terminology-service.js';
import type { ProfileSet } from '../profiles/profile-set.js';
import type { KeyPath } from './key-path.js';
import { expressionToKeyPath } from './key-path.js';
import { profileValueViolation } from './profile-operators.js';

/** One edit of a valid resource and the issue it must provoke. */
export interface MutationEdit {
  operator: string;
  /** Where to write; `undefined` value deletes the key. */
  path: KeyPath;
  value: unknown;
  /** Expected issue location and rule id. */
  expression: string;
  rule: string;
}

/** What operators may consult. */
export interface OperatorEnv {
  registry: TypeRegistry;
  terminology: TerminologyService;
  /** Known profiles; enables the profile-violation operator for resources claiming one. */
  profiles?: ProfileSet;
}

type Operator = (node: TypedNode, env: OperatorEnv) => MutationEdit[];

const BAD_FORMATS: Record<string, unknown> = {
  date: '2024-13-45',
  dateTime: '2024-03-01T25:61:00Z',
  instant: '2024-03-01',
  id: 'not a valid id!',
  code: ' padded code ',
  uri: 'has spaces in it',
  canonical: 'has spaces in it',
  url: 'has spaces in it',
  oid: 'urn:oid:abc',
  uuid: 'urn:uuid:XYZ',
  time: '25:00',
  positiveInt: 0,
  unsignedInt: -1,
  base64Binary: 'not base64 !!',
};

const WRONG_TYPES: Record<string, unknown> = { string: 42, boolean: 'true', decimal: '1.5', integer: 1.5, markdown: false };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function edit(node: TypedNode, operator: string, rule: string, value: unknown, expression = node.expression, suffix: KeyPath = []): MutationEdit {
  return { operator, path: [...expressionToKeyPath(node.expression), ...suffix], value, expression, rule };
}

const unknownElement: Operator = (node) =>
  isObject(node.value) && node.table ? [edit(node, 'unknown-element', 'unknown-element', 'x', `${node.expression}.bogusElement`, ['bogusElement'])] : [];

const wrongType: Operator = (node) => (node.type in WRONG_TYPES && node.value !== undefined ? [edit(node, 'wrong-type', 'primitive-type', WRONG_TYPES[node.type])] : []);

const badFormat: Operator = (node) =>
  node.type in BAD_FORMATS && (typeof node.value === 'string' || typeof node.value === 'number') ? [edit(node, 'bad-format', 'format', BAD_FORMATS[node.type])] : [];

const missingRequired: Operator = (node) => {
  if (!isObject(node.value) || !node.table) return [];
  const req = node.table.required.get(node.childrenPath) ?? [];
  const obj = node.value;
  return req.filter((el) => !el.choice && el.name in obj).map((el) => edit(node, 'missing-required', 'min', undefined, `${node.expression}.${el.name}`, [el.name]));
};

const emptyElement: Operator = (node) => {
  if (node.isResourceRoot || node.value === undefined || node.element === undefined) return [];
  if (isObject(node.value)) return [edit(node, 'empty-element', 'empty', {})];
  return typeof node.value === 'string' ? [edit(node, 'empty-element', 'empty', '')] : [];
};

const badRequiredCode: Operator = (node, env) => {
  const b = node.element?.binding;
  if (!b || b.strength !== 'required' || !env.terminology.expand(b.valueSet)) return [];
  if (node.type === 'code' && typeof node.value === 'string') return [edit(node, 'bad-code', 'binding-required', 'zz-not-a-code')];
  if (node.type === 'CodeableConcept' && isObject(node.value) && Array.isArray(node.value.coding)) {
    return [edit(node, 'bad-code', 'binding-required', 'zz-not-a-code', node.expression, ['coding', 0, 'code'])];
  }
  return [];
};

const danglingReference: Operator = (node) => {
  const ref = isObject(node.value) ? node.value.reference : undefined;
  if (typeof ref !== 'string') return [];
  const broken = ref.startsWith('#') ? '#missing-contained' : 'urn:uuid:ffffffff-0000-4000-8000-000000000000';
  return [edit(node, 'dangling-reference', 'dangling-reference', broken, `${node.expression}.reference`, ['reference'])];
};

const brokenInvariant: Operator = (node) => {
  const v = node.value;
  if (!isObject(v)) return [];
  if (node.type === 'Quantity' && typeof v.code === 'string' && v.system !== undefined) return [edit(node, 'broken-invariant', 'qty-3', undefined, node.expression, ['system'])];
  if (node.type === 'ContactPoint' && v.value !== undefined && v.system !== undefined) return [edit(node, 'broken-invariant', 'cpt-2', undefined, node.expression, ['system'])];
  if (node.type === 'Period' && typeof v.start === 'string' && v.end === undefined) return [edit(node, 'broken-invariant', 'per-1', '1900-01-01', node.expression, ['end'])];
  if (node.type === 'Observation' && Object.keys(v).some((k) => k.startsWith('value'))) {
    return [edit(node, 'broken-invariant', 'obs-6', { text: 'unknown' }, node.expression, ['dataAbsentReason'])];
  }
  return [];
};

const arrayShape: Operator = (node) => {
  const el = node.element;
  if (!el || node.isResourceRoot || el.max !== 1 || node.value === undefined || node.type === 'Element') return [];
  return [edit(node, 'array-shape', 'max', [node.value])];
};

const profileViolation: Operator = (node, env) => {
  const obj = node.value;
  if (!node.isResourceRoot || !isObject(obj) || !env.profiles) return [];
  const claimed = (obj.meta as { profile?: unknown[] } | undefined)?.profile;
  const edits: MutationEdit[] = [];
  for (const index of env.profiles.applicable(node.type, claimed)) {
    for (const el of index.children.get(index.rootId) ?? []) {
      const tightened = (el.def.min ?? 0) > (el.def.base?.min ?? 0);
      if (tightened && !el.choice && obj[el.name] !== undefined) edits.push(edit(node, 'profile-violation', 'profile-min', undefined, `${node.expression}.${el.name}`, [el.name]));
    }
  }
  return edits;
};

const XHTML_OPEN = '<div xmlns="http://www.w3.org/1999/xhtml">';

/** Narrative corruptions (R4 xhtml data type, txt-1, txt-2): operator suffix, rule, corrupted div. */
const NARRATIVE_EDITS: readonly [string, string, (div: string) => string][] = [
  ['script', 'txt-1', (d) => d.replace(/<\/div>\s*$/, '<script>alert(1)</script></div>')],
  ['onclick', 'txt-1', (d) => d.replace('<div', '<div onclick="alert(1)"')],
  ['body', 'txt-1', (d) => d.replace(/<\/div>\s*$/, '<body><p>x</p></body></div>')],
  ['nbsp', 'xhtml', (d) => d.replace(/<\/div>\s*$/, '<p>a&nbsp;b</p></div>')],
  ['not-well-formed', 'xhtml', (d) => d.replace(/<\/div>\s*$/, '<p>unclosed</div>')],
  ['namespace', 'xhtml', (d) => d.replace('http://www.w3.org/1999/xhtml', 'urn:hl7-org:v3')],
  ['empty', 'txt-2', () => `${XHTML_OPEN} <p> </p> </div>`],
];

const narrative: Operator = (node) => {
  const div = node.value;
  if (node.type !== 'xhtml' || typeof div !== 'string' || !div.startsWith(XHTML_OPEN)) return [];
  return NARRATIVE_EDITS.map(([suffix, rule, corrupt]) => edit(node, `narrative-${suffix}`, rule, corrupt(div)));
};

/** Every mutation operator by name. */
export const OPERATORS: Readonly<Record<string, Operator>> = {
  'unknown-element': unknownElement,
  'wrong-type': wrongType,
  'bad-format': badFormat,
  'missing-required': missingRequired,
  'empty-element': emptyElement,
  'bad-code': badRequiredCode,
  'dangling-reference': danglingReference,
  'broken-invariant': brokenInvariant,
  'array-shape': arrayShape,
  'profile-violation': profileViolation,
  'profile-value': profileValueViolation,
  narrative,
};
