import type { Issue, IssueSeverity } from '../../pipelines/contracts/index.js';

/** Stable rule ids, reported in `Issue.details.coding[0].code` (system {@link RULE_SYSTEM}). */
export const RULE_SYSTEM = 'https://moonlitic.dev/ingest/validator-rule';

/** Builds an {@link Issue} with its FHIRPath expression and stable rule id. */
export function makeIssue(severity: IssueSeverity, code: string, rule: string, text: string, expression: string): Issue {
  return {
    severity,
    code,
    details: { text, coding: [{ system: RULE_SYSTEM, code: rule }] },
    expression: [expression],
  };
}

/** True when the issue list holds at least one error or fatal issue. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}
