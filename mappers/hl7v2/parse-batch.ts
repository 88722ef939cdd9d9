import type { EngineError } from '../../pipelines/contracts/errors.js';
import type { ParsedRecord, SourceRef } from '../../pipelines/contracts/mapper.js';
import { asParseError, splitBatch } from './batch.js';
import type { Hl7v2Data } from './hl7v2-data.js';
import { buildMessage } from './parse-message.js';
import { hl7ParseError, HL7_PARSE_CODES } from './parse-error.js';

/** Good records and per-message failures of one HL7v2 file. */
export interface Hl7BatchResult {
  records: ParsedRecord<Hl7v2Data>[];
  failures: EngineError[];
}

function headerComponents(model: Hl7v2Data, field: number): (string | undefined)[] {
  const f = model.Data[0].Fields.at(field);
  return f ? f.Components.items.map((c) => c?.Value) : [];
}

/** Root template from MSH-9: `<MSH-9.1>_<MSH-9.2>` (e.g. `ADT_A01`), undefined when either part is missing. */
export function rootTemplateOf(model: Hl7v2Data): string | undefined {
  const [, code, event] = headerComponents(model, 9);
  return code && event ? `${code}_${event}` : undefined;
}

/** MSH-10 message control id, or undefined. */
export function recordIdOf(model: Hl7v2Data): string | undefined {
  return model.Data[0].Fields.at(10)?.Value;
}

/**
 * Parses an HL7v2 file (one message, several MSH, or an FHS/BHS batch) into one record per good message and one
 * EngineError per bad message or stray block. Records keep their batch position in `source.record`.
 * @throws EngineError only when the file as a whole is unusable: `parse.hl7.empty`, `parse.hl7.binary`,
 *   `parse.hl7.bad-envelope`
 */
export function parseBatch(text: string, source: SourceRef): Hl7BatchResult {
  const split = splitBatch(text);
  const result: Hl7BatchResult = { records: [], failures: split.failures };
  for (const m of split.messages) {
    const first = m.lines[0];
    try {
      const model = buildMessage(m.lines, m.value, { record: m.record, line: first.line, offset: first.offset, byteOffset: m.byteOffset });
      result.records.push({
        source: { ...source, record: m.record },
        model,
        rootTemplate: rootTemplateOf(model),
        recordId: recordIdOf(model),
      });
    } catch (err) {
      result.failures.push(asParseError(err, m.record, first.line));
    }
  }
  if (split.messages.length === 0 && result.failures.length === 0) {
    result.failures.push(hl7ParseError(HL7_PARSE_CODES.missingMsh, 'The file contains no MSH segment.', { line: 1 },
      'Add the messages (each starting with MSH) inside the batch envelope.'));
  }
  if (result.failures.length > 1) result.failures.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
  return result;
}
