import { NetDateTime } from '../runtime/dotnet-date.js';
import { addTicks, isValidCalendar, MS_PER_MINUTE, wallFromParts } from '../runtime/wall-time.js';

/**
 * The subset of .NET `DateTime.TryParse` (invariant culture) the `date` filter accepts (msfc-compat §6.9, §13):
 * - ISO-like `yyyy-M[-d[(T| )H:mm[:ss[.f+]]]]` with optional zone `Z` / `±h` / `±hh[:]mm`;
 * - `M/d/yyyy[ H:mm[:ss]][ AM|PM]` and `yyyy/M/d[ H:mm[:ss]]`.
 * Values with a zone are converted to host local time (kind local); others have kind unspecified.
 * Anything else (bare years, compact HL7 `20200101…`) is unparseable.
 */

const ISO = /^(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?)?(Z|z|[+-]\d{1,2}(?::?\d{2})?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: +(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?: *([AaPp][Mm]))?)?$/;
const YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: +(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/;
const MAX_OFFSET_MINUTES = 14 * 60;

interface ParsedFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction?: string;
  zone?: string;
}

const num = (text: string | undefined): number => (text === undefined ? 0 : Number(text));

function matchIso(text: string): ParsedFields | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  return {
    year: num(m[1]), month: num(m[2]), day: m[3] === undefined ? 1 : num(m[3]),
    hour: num(m[4]), minute: num(m[5]), second: num(m[6]), fraction: m[7], zone: m[8],
  };
}

function matchUs(text: string): ParsedFields | undefined {
  const m = US.exec(text);
  if (!m) return undefined;
  let hour = num(m[4]);
  const meridiem = m[7]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  return { year: num(m[3]), month: num(m[1]), day: num(m[2]), hour, minute: num(m[5]), second: num(m[6]) };
}

function matchYmd(text: string): ParsedFields | undefined {
  const m = YMD.exec(text);
  if (!m) return undefined;
  return { year: num(m[1]), month: num(m[2]), day: num(m[3]), hour: num(m[4]), minute: num(m[5]), second: num(m[6]) };
}

function parseZone(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + num(m[3]);
  if (num(m[3]) > 59 || minutes > MAX_OFFSET_MINUTES) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

function fractionTicks(fraction: string | undefined): number {
  if (fraction === undefined) return 0;
  return Math.round(Number(`0.${fraction}`) * 10_000_000);
}

/** .NET-style `DateTime.TryParse` of `text`; undefined when unparseable. A zoned text becomes local kind at its instant. */
export function tryParseDotNetDate(text: string): NetDateTime | undefined {
  const trimmed = text.trim();
  const fields = matchIso(trimmed) ?? matchUs(trimmed) ?? matchYmd(trimmed);
  if (!fields) return undefined;
  const { year, month, day, hour, minute, second } = fields;
  if (!isValidCalendar(year, month, day, hour, minute, second)) return undefined;
  const base = wallFromParts(year, month, day, hour, minute, second, 0);
  const { wallMs, subTicks } = addTicks(base, 0, fractionTicks(fields.fraction));
  if (fields.zone === undefined) return new NetDateTime(wallMs, subTicks, 'unspecified');
  const offset = parseZone(fields.zone);
  if (offset === undefined) return undefined;
  return NetDateTime.localAt(wallMs - offset * MS_PER_MINUTE, subTicks);
}
