import type { CcdaMapping, CcdaValue } from './ccda-model.js';

/** C-CDA R2.1 document-level templateId roots → root template names (HL7 C-CDA R2.1 Vol. 2 §1). */
export const CCDA_DOCUMENT_TEMPLATE_IDS: Readonly<Record<string, string>> = {
  '2.16.840.1.113883.10.20.22.1.2': 'CCD',
  '2.16.840.1.113883.10.20.22.1.3': 'HistoryandPhysical',
  '2.16.840.1.113883.10.20.22.1.4': 'ConsultationNote',
  '2.16.840.1.113883.10.20.22.1.5': 'DiagnosticImagingReport',
  '2.16.840.1.113883.10.20.22.1.6': 'ProcedureNote',
  '2.16.840.1.113883.10.20.22.1.7': 'OperativeNote',
  '2.16.840.1.113883.10.20.22.1.8': 'DischargeSummary',
  '2.16.840.1.113883.10.20.22.1.9': 'ProgressNote',
  '2.16.840.1.113883.10.20.22.1.10': 'UnstructuredDocument',
  '2.16.840.1.113883.10.20.22.1.13': 'TransferSummary',
  '2.16.840.1.113883.10.20.22.1.14': 'ReferralNote',
  '2.16.840.1.113883.10.20.22.1.15': 'CarePlan',
  '2.16.840.1.113883.10.20.1': 'CCD',
};

/** LOINC document type codes (`ClinicalDocument/code/@code`) used when no templateId matches. */
export const CCDA_DOCUMENT_LOINC_CODES: Readonly<Record<string, string>> = {
  '34133-9': 'CCD',
  '34117-2': 'HistoryandPhysical',
  '11488-4': 'ConsultationNote',
  '18748-4': 'DiagnosticImagingReport',
  '28570-0': 'ProcedureNote',
  '11504-8': 'OperativeNote',
  '18842-5': 'DischargeSummary',
  '11506-3': 'ProgressNote',
  '18761-7': 'TransferSummary',
  '57133-1': 'ReferralNote',
  '18776-5': 'CarePlan',
};

function asList(value: CcdaValue | undefined): CcdaValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isPlainMapping(value: CcdaValue | undefined): value is CcdaMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function stringAt(mapping: CcdaValue | undefined, key: string): string | undefined {
  const value = isPlainMapping(mapping) ? mapping[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Document type of a `ClinicalDocument` mapping: templateId first, LOINC code second, nonXMLBody last. */
export function detectDocumentType(document: CcdaValue | undefined): string | undefined {
  if (!isPlainMapping(document)) return undefined;
  for (const templateId of asList(document.templateId)) {
    const name = CCDA_DOCUMENT_TEMPLATE_IDS[stringAt(templateId, 'root') ?? ''];
    if (name) return name;
  }
  const byCode = CCDA_DOCUMENT_LOINC_CODES[stringAt(document.code, 'code') ?? ''];
  if (byCode) return byCode;
  const component = document.component;
  return isPlainMapping(component) && component.nonXMLBody !== undefined ? 'UnstructuredDocument' : undefined;
}

/** `ClinicalDocument/id` as `root^extension` (or `root`), for logs and lineage. */
export function detectDocumentId(document: CcdaValue | undefined): string | undefined {
  const id = isPlainMapping(document) ? asList(document.id)[0] : undefined;
  const root = stringAt(id, 'root');
  if (root === undefined) return undefined;
  const extension = stringAt(id, 'extension');
  return extension ? `${root}^${extension}` : root;
}
