import { detectNetDate } from './net-date-detect.js';
import type { NetDate } from './net-date.js';

const LINE_BREAKS_RE = /[\r\n]/g;

/**
 * A string as the JSON → dictionary pass reads it (msfc-compat §4.5): an ISO date-time becomes a {@link NetDate}
 * (§9.3); otherwise every CR and LF is deleted.
 */
export function readModelString(text: string): string | NetDate {
  const date = text.length >= 19 || text.charCodeAt(0) === 0x2f ? detectNetDate(text) : undefined;
  if (date) return date;
  return text.includes('\n') || text.includes('\r') ? text.replace(LINE_BREAKS_RE, '') : text;
}
