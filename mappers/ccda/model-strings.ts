import { detectNewtonsoftDate } from '../../templates/runtime/dotnet-date.js';
import type { NetDateTime } from '../../templates/runtime/dotnet-date.js';

const LINE_BREAKS_RE = /[\r\n]/g;

/**
 * A string as the JSON → dictionary pass reads it (msfc-compat §4.5): an ISO date-time becomes a {@link NetDateTime}
 * (§9.3); otherwise every CR and LF is deleted.
 */
export function readModelString(text: string): string | NetDateTime {
  const date = text.length >= 19 || text.charCodeAt(0) === 0x2f ? detectNewtonsoftDate(text) : undefined;
  if (date) return date;
  return text.includes('\n') || text.includes('\r') ? text.replace(LINE_BREAKS_RE, '') : text;
}
