import type { XmlAttribute, XmlFault, XmlHandler } from './xml-scanner.js';
import { ALLOWED_ELEMENTS, ATTRIBUTE_HINTS, ELEMENT_HINTS, GLOBAL_ATTRIBUTES, HTML_ENTITY_CODES, XHTML_NS } from './xhtml-vocabulary.js';

/** One narrative problem: `xhtml` for the xhtml data type rules, `txt-1`/`txt-2` for the Narrative.div invariants. */
export interface NarrativeFinding {
  rule: 'xhtml' | 'txt-1' | 'txt-2';
  code: 'value' | 'invariant' | 'too-costly';
  severity: 'error' | 'warning';
  text: string;
}

/** An open or closed element; sibling counts give its position (`div/p[2]/b`) once the scan is over. */
interface Frame {
  name: string;
  index: number;
  parent: Frame | undefined;
  counts: Map<string, number> | undefined;
  namespace: string;
  refused: boolean;
}

interface Pending {
  rule: NarrativeFinding['rule'];
  code: NarrativeFinding['code'];
  severity: NarrativeFinding['severity'];
  at: Frame | undefined;
  text: (path: string) => string;
}

const MAX_FINDINGS = 20;
const SCRIPT_URL = /^\s*(?:javascript|vbscript):/i;

function pathOf(frame: Frame | undefined): string {
  const parts: string[] = [];
  for (let f = frame; f; f = f.parent) {
    const siblings = f.parent?.counts?.get(f.name) ?? 1;
    parts.push(siblings > 1 ? `${f.name}[${f.index}]` : f.name);
  }
  return parts.length === 0 ? 'top level' : parts.reverse().join('/');
}

function entityFix(name: string): string {
  const code = HTML_ENTITY_CODES[name];
  return code === undefined ? 'use a numeric character reference (&#NNNN;) or the character itself' : `use &#${code};`;
}

/** Applies the FHIR xhtml and txt-1/txt-2 rules to the events of one narrative div. */
export class NarrativeChecker implements XmlHandler {
  private top: Frame | undefined;
  private root: Frame | undefined;
  private hasContent = false;
  private readonly pending: Pending[] = [];
  private dropped = 0;

  private report(rule: Pending['rule'], code: Pending['code'], at: Frame | undefined, text: Pending['text']): void {
    if (this.pending.length < MAX_FINDINGS) this.pending.push({ rule, code, severity: 'error', at, text });
    else this.dropped++;
  }

  startElement(name: string, attributes: readonly XmlAttribute[]): void {
    const parent = this.top;
    let namespace = parent ? parent.namespace : '';
    for (const a of attributes) if (a.name === 'xmlns') namespace = a.value;
    let index = 1;
    if (parent) {
      parent.counts ??= new Map();
      index = (parent.counts.get(name) ?? 0) + 1;
      parent.counts.set(name, index);
    }
    const frame: Frame = { name, index, parent, counts: undefined, namespace, refused: parent?.refused ?? false };
    this.top = frame;
    if (frame.refused) return;
    if (!parent) {
      this.root = frame;
      this.checkRoot(frame);
      if (name !== 'div') return;
    } else if (namespace !== XHTML_NS || name.includes(':')) {
      frame.refused = true;
      const why = name.includes(':') ? 'has a namespace prefix; FHIR narrative uses the default XHTML namespace (write the element without prefix, or remove it)' : 'is not in the XHTML namespace; FHIR narrative holds XHTML elements only (remove its namespace or the element)';
      this.report('xhtml', 'value', frame, (p) => `<${name}> at ${p} ${why}`);
      return;
    }
    const own = ALLOWED_ELEMENTS.get(name);
    if (!own) {
      frame.refused = true;
      const lower = name.toLowerCase();
      const hint = ELEMENT_HINTS[name] ?? (ALLOWED_ELEMENTS.has(lower) ? `XHTML names are lowercase; write <${lower}>` : 'it is not an HTML 4.0 formatting element; remove it or use one that is');
      this.report('txt-1', 'invariant', frame, (p) => `<${name}> at ${p} is not allowed in FHIR narrative (txt-1); ${hint}`);
      return;
    }
    if (name === 'img') this.hasContent = true;
    for (const a of attributes) this.checkAttribute(frame, own, a);
  }

  private checkRoot(frame: Frame): void {
    if (frame.name !== 'div') {
      this.report('xhtml', 'value', frame, () => `the narrative root element is <${frame.name}>; it SHALL be <div xmlns="${XHTML_NS}">`);
    }
    if (frame.namespace !== XHTML_NS) {
      const found = frame.namespace === '' ? 'has no xmlns' : `is in namespace '${frame.namespace}'`;
      this.report('xhtml', 'value', frame, () => `the narrative root <${frame.name}> ${found}; it SHALL declare xmlns="${XHTML_NS}"`);
      frame.namespace = XHTML_NS;
    }
  }

  private checkAttribute(frame: Frame, own: ReadonlySet<string>, a: XmlAttribute): void {
    const n = a.name;
    const tag = frame.name;
    if (n === 'xmlns' || n.startsWith('xmlns:') || GLOBAL_ATTRIBUTES.has(n) || own.has(n)) {
      if ((n === 'href' || n === 'src') && SCRIPT_URL.test(a.value)) {
        this.report('txt-1', 'invariant', frame, (p) => `attribute ${n} of <${tag}> at ${p} is a script URL, not allowed in FHIR narrative (txt-1); remove it`);
      }
      return;
    }
    if (n.length > 2 && (n.charCodeAt(0) | 32) === 111 && (n.charCodeAt(1) | 32) === 110) {
      this.report('txt-1', 'invariant', frame, (p) => `event attribute ${n} on <${tag}> at ${p} is not allowed in FHIR narrative (txt-1); remove it`);
      return;
    }
    const lower = n.toLowerCase();
    const hint = ATTRIBUTE_HINTS[n] ?? (lower !== n && (GLOBAL_ATTRIBUTES.has(lower) || own.has(lower)) ? `XHTML names are lowercase; write ${lower}` : 'remove it');
    this.report('txt-1', 'invariant', frame, (p) => `attribute ${n} on <${tag}> at ${p} is not allowed in FHIR narrative (txt-1); ${hint}`);
  }

  endElement(): void {
    this.top = this.top?.parent;
  }

  content(): void {
    this.hasContent = true;
  }

  unknownEntity(name: string, attribute?: { element: string; name: string }): void {
    if (!attribute) this.hasContent = true;
    const where = attribute ? (p: string): string => `in attribute ${attribute.name} of <${attribute.element}> inside ${p}` : (p: string): string => `at ${p}`;
    this.report('xhtml', 'value', this.top, (p) => `&${name}; ${where(p)} is an HTML entity, which FHIR xhtml does not define; ${entityFix(name)}`);
  }

  /** Findings after the scan, with positions computed from the final sibling counts. */
  finish(fault: XmlFault | undefined): NarrativeFinding[] {
    if (fault?.kind === 'syntax') {
      const message = fault.message;
      const offset = fault.offset;
      this.pending.push({ rule: 'xhtml', code: 'value', severity: 'error', at: this.top, text: (p) => `the narrative div is not well-formed XML at ${p} (offset ${offset}): ${message}` });
    } else if (fault) {
      const message = fault.message;
      this.pending.push({ rule: 'xhtml', code: 'too-costly', severity: 'warning', at: undefined, text: () => `the narrative div was not fully checked: it ${message}` });
    } else if (!this.hasContent && this.root) {
      this.report('txt-2', 'invariant', this.root, (p) => `the narrative <${p}> has no non-whitespace content (txt-2); add text that describes the resource`);
    }
    const out: NarrativeFinding[] = this.pending.map((f) => ({ rule: f.rule, code: f.code, severity: f.severity, text: f.text(pathOf(f.at)) }));
    if (this.dropped > 0) out[MAX_FINDINGS - 1].text += ` (${this.dropped} more narrative problems in this div are not listed)`;
    return out;
  }
}
