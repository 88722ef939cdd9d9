import { defineMapper } from '../../pipelines/contracts/mapper.js';
import { detectHl7v2 } from './detect.js';
import type { Hl7v2Data } from './hl7v2-data.js';
import { parseBatch } from './parse-batch.js';
import { unusedFields } from './unused-fields.js';

export { parseBatch, rootTemplateOf, recordIdOf } from './parse-batch.js';
export type { Hl7BatchResult } from './parse-batch.js';
export { parseHl7Message } from './parse-message.js';
export { splitBatch } from './batch.js';
export { escapeHl7, unescapeHl7, protectJson, unprotectJson, normalizeValue } from './escape.js';
export { DEFAULT_DELIMITERS } from './delimiters.js';
export type { Hl7Delimiters } from './delimiters.js';
export { HL7_PARSE_CODES } from './parse-error.js';
export { unusedFields, traceUnusedSegments } from './unused-fields.js';
export { Hl7v2Data } from './hl7v2-data.js';
export { Hl7v2Segment } from './hl7v2-segment.js';
export { Hl7v2Field } from './hl7v2-field.js';
export { Hl7v2Component } from './hl7v2-component.js';

/**
 * HL7v2 mapper: pipe-delimited messages (v2.3–2.8, single, several MSH, or FHS/BHS batches) → `hl7v2Data` model
 * (msfc-compat §3). `parse` returns one record per good message and throws the first failure only when no message
 * of the file parsed; use {@link parseBatch} to also get the per-message failures.
 */
export const hl7v2Mapper = defineMapper<Hl7v2Data>({
  name: 'hl7v2',
  summary: 'HL7 v2.x pipe-delimited messages and batch files',
  description:
    'Parses ER7 (pipe-delimited) HL7 v2 messages into the Microsoft FHIR-Converter compatible hl7v2Data model: ' +
    'segments, fields, repetitions, components and subcomponents, escape sequences, CR/LF/CRLF endings, BOM, ' +
    'Z-segments and FHS/BHS batches. Templates receive the model as hl7v2Data; the root template is MSH-9.1_MSH-9.2.',
  extensions: ['.hl7', '.txt', '.hl7v2', '.er7'],
  dataKey: 'hl7v2Data',
  detect: detectHl7v2,
  parse(text, source) {
    const { records, failures } = parseBatch(text, source);
    if (records.length === 0 && failures.length > 0) throw failures[0];
    return records;
  },
  unusedFields,
});
