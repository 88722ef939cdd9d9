import { formatLocation } from '../../pipelines/contracts/errors.js';
import type { EngineError } from '../../pipelines/contracts/errors.js';
import type { Issue, IssueSeverity, OperationOutcome } from '../../pipelines/contracts/issue.js';

/** Code system of engine error codes in `OperationOutcome.issue.details.coding` (see docs/errors.md). */
export const ERROR_CODE_SYSTEM = 'https://moonlitic.dev/ingest/error-code';

/** FHIR issue-type code (http://hl7.org/fhir/issue-type) per error stage. */
const ISSUE_TYPE_BY_STAGE: Record<EngineError['stage'], string> = {
  config: 'invalid',
  connect: 'transient',
  parse: 'invalid',
  map: 'processing',
  render: 'processing',
  postprocess: 'processing',
  validate: 'invalid',
  sink: 'transient',
  cli: 'invalid',
};

/** An OperationOutcome with one issue. */
export function simpleOutcome(severity: IssueSeverity, code: string, text: string, diagnostics?: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text }, ...(diagnostics ? { diagnostics } : {}) }] };
}

/**
 * The OperationOutcome of an engine error: `details.coding` carries the stable code, `details.text` the message,
 * `diagnostics` the position and the fix, and `expression` the request element (a `Parameters…` FHIRPath in
 * `location.path`, else `fallbackExpression`). No input contents.
 */
export function outcomeOfError(err: EngineError, issueType?: string, fallbackExpression?: string): OperationOutcome {
  const where = formatLocation(err.location);
  const diagnostics = `${err.code} (stage ${err.stage})${where ? ` at ${where}` : ''}.${err.suggestion ? ` Try this: ${err.suggestion}` : ''}`;
  const path = err.location?.path?.startsWith('Parameters') ? err.location.path : fallbackExpression;
  const issue: Issue = {
    severity: 'error',
    code: issueType ?? ISSUE_TYPE_BY_STAGE[err.stage] ?? 'exception',
    details: { coding: [{ system: ERROR_CODE_SYSTEM, code: err.code }], text: err.message },
    diagnostics,
    ...(path ? { expression: [path] } : {}),
  };
  return { resourceType: 'OperationOutcome', issue: [issue] };
}

/** Issues as plain FHIR (the engine-only `source` extras folded into `diagnostics`). */
export function toFhirIssues(issues: Issue[]): Issue[] {
  return issues.map(({ source, ...issue }) => {
    const extra = [source?.template ? `template ${source.template}` : '', source?.rule ? `rule ${source.rule}` : ''].filter(Boolean).join(', ');
    if (!extra) return issue;
    return { ...issue, diagnostics: issue.diagnostics ? `${issue.diagnostics} (${extra})` : extra };
  });
}
