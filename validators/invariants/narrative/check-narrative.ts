import type { Issue } from '../../../pipelines/contracts/index.js';
import { makeIssue } from '../../model/issue.js';
import { NarrativeChecker } from './narrative-checker.js';
import type { NarrativeFinding } from './narrative-checker.js';
import { XHTML_NS } from './xhtml-vocabulary.js';
import { scanXml } from './xml-scanner.js';

/** Bounds of the narrative scan: longer or deeper divs get one `too-costly` warning instead of a full check. */
export const NARRATIVE_LIMITS = { maxLength: 4_000_000, maxDepth: 200 } as const;

/** Constraint keys answered by {@link checkNarrativeDiv} instead of fhirpath.js (which lacks htmlChecks()). */
export const NARRATIVE_KEYS: ReadonlySet<string> = new Set(['txt-1', 'txt-2']);

const PLAIN_OPEN = `<div xmlns="${XHTML_NS}">`;
const PLAIN_CLOSE = '</div>';

function isPlainDiv(div: string): boolean {
  if (!div.startsWith(PLAIN_OPEN) || !div.endsWith(PLAIN_CLOSE)) return false;
  let content = false;
  for (let i = PLAIN_OPEN.length, end = div.length - PLAIN_CLOSE.length; i < end; i++) {
    const c = div.charCodeAt(i);
    if (c <= 32) {
      if (c === 32 || c === 10 || c === 9 || c === 13) continue;
      return false;
    }
    if (c === 60 || c === 38 || c === 62 || c >= 0xd800) return false;
    content = true;
  }
  return content;
}

/**
 * Checks one Narrative.div value: well-formed XML, one root `<div>` in the XHTML namespace, no HTML named entities
 * (R4 xhtml data type), only the elements and attributes txt-1 allows, and some non-whitespace content (txt-2).
 * A plain `<div xmlns="...">text</div>` takes a fast path. Never throws.
 */
export function checkNarrativeDiv(div: string): NarrativeFinding[] {
  if (isPlainDiv(div)) return [];
  const checker = new NarrativeChecker();
  const fault = scanXml(div, checker, NARRATIVE_LIMITS);
  return checker.finish(fault);
}

/**
 * Appends the narrative issues of one xhtml element instance to `out`.
 * @param expression - returns the FHIRPath of the div (called only when there is an issue).
 */
export function addNarrativeIssues(value: unknown, expression: () => string, out: Issue[]): void {
  if (typeof value !== 'string' || value === '') return;
  const findings = checkNarrativeDiv(value);
  if (findings.length === 0) return;
  const at = expression();
  for (const f of findings) out.push(makeIssue(f.severity, f.code, f.rule, f.text, at));
}
