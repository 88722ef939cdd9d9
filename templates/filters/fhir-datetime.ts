import type { PartialDateTime } from './partial-date-time.js';
import { buildPartialDateTime, createInvalidDateError } from './partial-date-time.js';

/**
 * FHIR date/dateTime/instant grammar (msfc-compat §7.3): `YYYY[-MM[-DD[Thh:mm:ss[.F+](Z|(+|-)hh:mm)]]]`; a time needs
 * seconds and a zone; zone hours 00–13 with any minutes, or exactly 14:00.
 */
const FHIR_DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2})))?)?)?$/;

function zoneMinutes(m: RegExpExecArray): number | undefined | null {
  if (m[8] === 'Z') return 0;
  if (m[9] === undefined) return undefined;
  const hours = Number(m[10]);
  const minutes = Number(m[11]);
  const valid = minutes <= 59 && (hours <= 13 || (hours === 14 && minutes === 0));
  if (!valid) return null;
  const total = hours * 60 + minutes;
  return m[9] === '-' ? -total : total;
}

/** Parses FHIR date-time text; throws `render.invalid-date-time-format` when it does not match or is impossible. */
export function parseFhirDateTime(
  filter: string,
  text: string,
  localOffsetAt: (wallMs: number) => number,
): PartialDateTime {
  const m = FHIR_DATE_TIME.exec(text);
  const offset = m ? zoneMinutes(m) : null;
  const parsed =
    m && offset !== null
      ? buildPartialDateTime(
          {
            year: m[1], month: m[2], day: m[3], hour: m[4], minute: m[5], second: m[6], fraction: m[7],
            offsetMinutes: offset,
          },
          localOffsetAt,
        )
      : undefined;
  if (!parsed) throw createInvalidDateError(filter, 'FHIR', text.length);
  return parsed;
}
