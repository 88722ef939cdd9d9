import { offsetAtInstant } from '../runtime/time-zone.js';
import {
  isValidCalendar,
  isWallInRange,
  MS_PER_MINUTE,
  TICKS_PER_MS,
  wallFromParts,
  wallToFields,
} from '../runtime/wall-time.js';
import { createFilterError, FILTER_ERROR_CODES } from './filter-error.js';

/**
 * The date-time model of the converter's date filters (msfc-compat §7.3): a wall time with an offset, the precision
 * of the source text and, when the source had a fraction, its digits verbatim.
 */

/** Last part present in the source text. */
export type DatePrecision = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction';

export interface PartialDateTime {
  /** Wall clock in milliseconds read as UTC (see net-date-time.ts). */
  wallMs: number;
  /** Ticks (100 ns) below the millisecond. */
  subTicks: number;
  offsetMinutes: number;
  precision: DatePrecision;
  /** Original fraction digits (without the dot), kept for output until the value is changed arithmetically. */
  fractionText?: string;
}

/** The `timeZoneHandling` argument (msfc-compat §7.3). */
export type TimeZoneHandling = 'preserve' | 'utc' | 'local';

const HANDLINGS: Record<string, TimeZoneHandling> = { preserve: 'preserve', utc: 'utc', local: 'local' };
const MAX_OFFSET_MINUTES = 14 * 60;
const DATE_PRECISIONS = new Set<DatePrecision>(['year', 'month', 'day']);

/** Validates the zone-handling argument, case-insensitively; anything else (nil, empty) is an error. */
export function parseTimeZoneHandling(filter: string, value: unknown): TimeZoneHandling {
  const handling = typeof value === 'string' ? HANDLINGS[value.toLowerCase()] : undefined;
  if (handling) return handling;
  throw createFilterError(
    FILTER_ERROR_CODES.invalidTimeZoneHandling,
    filter,
    'the time zone handling argument must be preserve, utc or local',
    "Pass 'preserve', 'utc' or 'local' as the last argument, or omit it.",
    'msfc-compat §7.3',
  );
}

/** The error for an unparseable or impossible date-time. */
export function createInvalidDateError(filter: string, grammar: string, length: number): Error {
  return createFilterError(
    FILTER_ERROR_CODES.invalidDateTimeFormat,
    filter,
    `input (${length} characters) is not a valid ${grammar} date-time`,
    grammar === 'HL7'
      ? 'Send HL7 timestamps as YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ] with a real calendar date.'
      : 'Send FHIR dates as YYYY[-MM[-DD[Thh:mm:ss[.S+](Z|+hh:mm)]]] with a real calendar date.',
    'msfc-compat §7.3',
  );
}

/** Re-expresses the value at offset 0 (utc), in the host zone (local), or leaves it (preserve). */
export function applyTimeZoneHandling(
  value: PartialDateTime,
  handling: TimeZoneHandling,
  timeZone: string,
): PartialDateTime {
  if (handling === 'preserve') return value;
  const instant = value.wallMs - value.offsetMinutes * MS_PER_MINUTE;
  const offsetMinutes = handling === 'utc' ? 0 : offsetAtInstant(timeZone, instant);
  return { ...value, wallMs: instant + offsetMinutes * MS_PER_MINUTE, offsetMinutes };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function formatZone(offsetMinutes: number, separator: string, zeroText: string): string {
  if (offsetMinutes === 0) return zeroText;
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

function fractionOutput(value: PartialDateTime): string {
  if (value.precision !== 'fraction') return '';
  const ms = Math.floor(wallToFields(value.wallMs).tick / TICKS_PER_MS);
  return '.' + (value.fractionText ?? pad(ms, 3));
}

/** FHIR text (`yyyy`, `yyyy-MM`, `yyyy-MM-dd`, or `yyyy-MM-ddTHH:mm:ss[.f]` + `Z`/`±hh:mm`) of the value. */
export function formatPartialAsFhir(value: PartialDateTime): string {
  const f = wallToFields(value.wallMs, value.subTicks);
  const year = pad(f.year, 4);
  if (value.precision === 'year') return year;
  if (value.precision === 'month') return `${year}-${pad(f.month, 2)}`;
  const date = `${year}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
  if (DATE_PRECISIONS.has(value.precision)) return date;
  const time = `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
  return `${date}T${time}${fractionOutput(value)}${formatZone(value.offsetMinutes, ':', 'Z')}`;
}

/** HL7 text (`yyyy`, `yyyyMM`, `yyyyMMdd`, or `yyyyMMddHHmmss[.f]±HHMM`) of the value. */
export function formatPartialAsHl7(value: PartialDateTime): string {
  const f = wallToFields(value.wallMs, value.subTicks);
  const year = pad(f.year, 4);
  if (value.precision === 'year') return year;
  if (value.precision === 'month') return `${year}${pad(f.month, 2)}`;
  const date = `${year}${pad(f.month, 2)}${pad(f.day, 2)}`;
  if (DATE_PRECISIONS.has(value.precision)) return date;
  const time = `${pad(f.hour, 2)}${pad(f.minute, 2)}${pad(f.second, 2)}`;
  return `${date}${time}${fractionOutput(value)}${formatZone(value.offsetMinutes, '', '+0000')}`;
}

/** Matched text parts of either grammar; absent parts are undefined. */
export interface DateTextParts {
  year: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
  second?: string;
  fraction?: string;
  /** Offset in minutes when the text had a zone. */
  offsetMinutes?: number;
}

const PRECISION_ORDER: [keyof DateTextParts, DatePrecision][] = [
  ['fraction', 'fraction'],
  ['second', 'second'],
  ['minute', 'minute'],
  ['hour', 'hour'],
  ['day', 'day'],
  ['month', 'month'],
];

const toInt = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : Number(text));

/**
 * Builds the model from matched parts (msfc-compat §7.3): missing month/day → 1, missing time → 0, milliseconds = the
 * first up to three fraction digits read as an integer, no zone → host offset at that wall time. Returns undefined for
 * impossible calendar values or out-of-range instants.
 */
export function buildPartialDateTime(
  parts: DateTextParts,
  localOffsetAt: (wallMs: number) => number,
): PartialDateTime | undefined {
  const year = Number(parts.year);
  const month = toInt(parts.month, 1);
  const day = toInt(parts.day, 1);
  const hour = toInt(parts.hour, 0);
  const minute = toInt(parts.minute, 0);
  const second = toInt(parts.second, 0);
  if (!isValidCalendar(year, month, day, hour, minute, second)) return undefined;
  const ms = parts.fraction === undefined ? 0 : Number(parts.fraction.slice(0, 3));
  const wallMs = wallFromParts(year, month, day, hour, minute, second, ms);
  const offsetMinutes = parts.offsetMinutes ?? localOffsetAt(wallMs);
  if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return undefined;
  if (!isWallInRange(wallMs - offsetMinutes * MS_PER_MINUTE)) return undefined;
  const precision = PRECISION_ORDER.find(([key]) => parts[key] !== undefined)?.[1] ?? 'year';
  return { wallMs, subTicks: 0, offsetMinutes, precision, fractionText: parts.fraction };
}
