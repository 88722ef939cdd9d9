/** One target of a code mapping entry (msfc-compat §2.8). */
export interface CodeMappingEntry {
  code?: string | null;
  display?: string | null;
  system?: string | null;
  [property: string]: unknown;
}

/** Parsed `CodeSystem/CodeSystem.json` or `ValueSet/ValueSet.json`: mapping name → source code → entry. */
export interface CodeMappingFile {
  mapping: Record<string, Record<string, CodeMappingEntry>>;
}
