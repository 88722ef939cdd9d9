import { detectNewtonsoftDate } from '../../templates/runtime/dotnet-date.js';
import type { NetDateTime } from '../../templates/runtime/dotnet-date.js';

const LINE_BREAKS_RE = /[\r\n]/g;

/** `text` without CR and LF; texts without CR (all of them once line breaks are normalised) skip the regex. */
export function deleteLineBreaks(text: string): string {
  const lf = text.includes('\n');
  if (text.includes('\r')) return text.replace(LINE_BREAKS_RE, '');
  return lf ? text.replaceAll('\n', '') : text;
}

/**
 * A string as the JSON → dictionary pass reads it (msfc-compat §4.5): an ISO date-time becomes a {@link NetDateTime}
 * (§9.3); otherwise every CR and LF is deleted.
 */
export function readModelString(text: string): string | NetDateTime {
  const date = text.length >= 19 || text.charCodeAt(0) === 0x2f ? detectNewtonsoftDate(text) : undefined;
  if (date) return date;
  return deleteLineBreaks(text);
}
