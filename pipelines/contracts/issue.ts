/** FHIR OperationOutcome.issue severity. */
export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

/**
 * A validation finding, shaped exactly like `OperationOutcome.issue` so it can be emitted as-is.
 * `expression[0]` is a FHIRPath into the validated bundle, e.g. `Bundle.entry[3].resource.code.coding[0].system`.
 */
export interface Issue {
  severity: IssueSeverity;
  /** FHIR issue-type code (`structure`, `required`, `value`, `invariant`, `code-invalid`, `not-found`, ...). */
  code: string;
  details: { text: string; coding?: { system?: string; code?: string }[] };
  expression?: string[];
  diagnostics?: string;
  /** Non-FHIR extras kept beside the issue (template name, source position); emitted as extensions. */
  source?: { template?: string; position?: string; rule?: string };
}

/** A FHIR OperationOutcome made of {@link Issue}s. */
export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: Issue[];
}
