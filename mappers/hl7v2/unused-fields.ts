import type { Hl7v2TraceComponent, Hl7v2TraceSegment } from '../../pipelines/contracts/hl7v2-model.js';
import type { UnusedField } from '../../pipelines/contracts/mapper.js';
import { unprotectJson } from './escape.js';
import type { Hl7v2Component } from './hl7v2-component.js';
import type { Hl7v2Data } from './hl7v2-data.js';
import type { Hl7v2Field } from './hl7v2-field.js';
import type { Hl7v2Segment } from './hl7v2-segment.js';

/** One unread component with its coordinates (HL7 numbering). */
interface UnreadComponent {
  segment: Hl7v2Segment;
  segmentIndex: number;
  field: Hl7v2Field;
  fieldNumber: number;
  component: Hl7v2Component;
  componentNumber: number;
}

/**
 * Visits every non-nil, unread component of the first repetition of every non-nil field j ≥ 1, skipping MSH-1/MSH-2
 * of the header (msfc-compat §3.6).
 */
function forEachUnread(model: Hl7v2Data, visit: (u: UnreadComponent) => void): void {
  model.Data.forEach((segment, segmentIndex) => {
    segment.Fields.items.forEach((field, fieldNumber) => {
      if (!field || fieldNumber === 0 || (segment.isHeader && fieldNumber <= 2)) return;
      field.Components.items.forEach((component, componentNumber) => {
        if (component && !component.accessed) visit({ segment, segmentIndex, field, fieldNumber, component, componentNumber });
      });
    });
  });
}

/**
 * Components that held data but that no template read, as `PID-11.3` positions (segment-field.component, HL7
 * numbering; the header keeps MSH numbering). Lengths are of the HL7-unescaped text. Call after rendering.
 */
export function unusedFields(model: Hl7v2Data): UnusedField[] {
  const out: UnusedField[] = [];
  forEachUnread(model, (u) => {
    out.push({
      position: `${u.segment.id}-${u.fieldNumber}.${u.componentNumber}`,
      segment: u.segment.id,
      segmentIndex: u.segmentIndex,
      length: unprotectJson(u.component.Value).length,
    });
  });
  return out;
}

function indexAfterNth(text: string, sep: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(sep, at + 1);
    if (at < 0) return 0;
  }
  return n <= 0 ? 0 : at + 1;
}

function traceComponent(u: UnreadComponent): Hl7v2TraceComponent {
  const d = u.segment.d;
  const line = unprotectJson(u.segment.Value);
  const fieldIndex = u.segment.isHeader ? u.fieldNumber - 1 : u.fieldNumber;
  const fieldText = unprotectJson(u.field.Value);
  const start = indexAfterNth(line, d.field, fieldIndex) + indexAfterNth(fieldText, d.component, u.componentNumber - 1);
  const value = u.component.Value;
  return { Start: start, End: start + value.length, Value: value };
}

/**
 * The Microsoft-compatible unused-segment trace (msfc-compat §3.6): `{Type, Line, Components:[{Start, End, Value}]}`
 * for each segment with unread components. The result contains message content (PHI): return it to the caller
 * beside the bundle, never log it.
 */
export function traceUnusedSegments(model: Hl7v2Data): Hl7v2TraceSegment[] {
  const bySegment = new Map<number, Hl7v2TraceSegment>();
  forEachUnread(model, (u) => {
    let entry = bySegment.get(u.segmentIndex);
    if (!entry) {
      entry = { Type: u.segment.id, Line: u.segmentIndex, Components: [] };
      bySegment.set(u.segmentIndex, entry);
    }
    entry.Components.push(traceComponent(u));
  });
  return [...bySegment.values()];
}
