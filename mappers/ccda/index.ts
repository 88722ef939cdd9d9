import { defineMapper } from '../../pipelines/contracts/index.js';
import type { CcdaModel } from './ccda-model.js';
import { detectDocumentId, detectDocumentType } from './document-type.js';
import { parseCcda } from './parse-ccda.js';

export type { CcdaMapping, CcdaModel, CcdaValue } from './ccda-model.js';
export { parseCcda } from './parse-ccda.js';
export type { ParseCcdaOptions } from './parse-ccda.js';
export { DEFAULT_CCDA_LIMITS } from './parse-limits.js';
export type { CcdaParseLimits } from './parse-limits.js';
export { CCDA_ERROR_CODES } from './ccda-errors.js';

const SNIFF_RE = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[\s\S]*?\?>\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w.-]+:)?(ClinicalDocument|section|component)[\s/>]/;

/** True when the text starts like a C-CDA document or section fragment (looks at the first 64 KB only). */
export function detectCcda(text: string): boolean {
  return SNIFF_RE.test(text.slice(0, 65_536));
}

/** C-CDA XML → `msg` (msfc-compat §4): one record per document; fragments have no root template. */
export const ccdaMapper = defineMapper<CcdaModel>({
  name: 'ccda',
  summary: 'C-CDA R1.1/R2.1 documents and section fragments as the Microsoft-compatible `msg` model',
  description:
    'Parses XML safely (no DTDs or external entities, size/depth/node limits) and builds the model Microsoft ' +
    "FHIR-Converter's C-CDA templates read: namespace-normalised names, text in `_` keys, repeats as lists, " +
    '`_originalData` last. The root template is derived from the document-level templateId or LOINC code.',
  extensions: ['.ccda', '.xml', '.cda'],
  dataKey: 'msg',
  detect: detectCcda,
  parse(text, source) {
    const model = parseCcda(text, { file: source.name });
    const document = model.ClinicalDocument;
    return [{ source, model, rootTemplate: detectDocumentType(document), recordId: detectDocumentId(document) }];
  },
});
