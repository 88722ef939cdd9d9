import type { PartialDateTime } from './partial-date-time.js';
import { buildPartialDateTime, createInvalidDateError } from './partial-date-time.js';

/**
 * HL7 v2 / C-CDA timestamp grammar (msfc-compat §7.3): `YYYY[MM[DD[HH[MM[SS[.F+]]]]]][(+|-)HHMM]`, two digits per
 * part, zone allowed after any precision.
 */
const HL7_DATE_TIME =
  /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d+))?)?)?)?)?)?(?:([+-])(\d{2})(\d{2}))?$/;

/** Parses an HL7 timestamp; throws `render.invalid-date-time-format` when it does not match or is impossible. */
export function parseHl7DateTime(
  filter: string,
  text: string,
  localOffsetAt: (wallMs: number) => number,
): PartialDateTime {
  const m = HL7_DATE_TIME.exec(text);
  const zoneMinutes = m?.[8] === undefined ? undefined : Number(m[9]) * 60 + Number(m[10]);
  const parsed =
    m && (zoneMinutes === undefined || Number(m[10]) < 60)
      ? buildPartialDateTime(
          {
            year: m[1], month: m[2], day: m[3], hour: m[4], minute: m[5], second: m[6], fraction: m[7],
            offsetMinutes: zoneMinutes === undefined ? undefined : m[8] === '-' ? -zoneMinutes : zoneMinutes,
          },
          localOffsetAt,
        )
      : undefined;
  if (!parsed) throw createInvalidDateError(filter, 'HL7', text.length);
  return parsed;
}
