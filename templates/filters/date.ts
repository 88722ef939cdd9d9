import { NetDateTime } from '../runtime/dotnet-date.js';
import { offsetAtWallTime } from '../runtime/time-zone.js';
import { addTicks, isWallInRange, MS_PER_MINUTE, TICKS_PER_MS, wallToFields } from '../runtime/wall-time.js';
import type { FilterEnv, FilterSpec } from './define.js';
import { defineFilter } from './define.js';
import { formatDotNetDate } from './dotnet-date-format.js';
import { parseFhirDateTime } from './fhir-datetime.js';
import { createArgumentError } from './filter-error.js';
import { parseHl7DateTime } from './hl7-datetime.js';
import type { PartialDateTime } from './partial-date-time.js';
import {
  applyTimeZoneHandling,
  formatPartialAsFhir,
  formatPartialAsHl7,
  parseTimeZoneHandling,
} from './partial-date-time.js';

/** Converter date/time filters (msfc-compat §7.3). */

const ZONE_PARAM = { name: 'timeZoneHandling', type: 'string', default: 'preserve' } as const;
const NOW_FORMAT = 'yyyy-MM-ddTHH:mm:ss.FFFZ';
const MAX_SECONDS = 315_537_897_600;
const DAY_PRECISIONS = new Set(['year', 'month', 'day']);

type DateFilterBody = (env: FilterEnv, filter: string, text: string, ...args: unknown[]) => PartialDateTime;

const isEmpty = (input: unknown): boolean => input == null || input === '';

function localOffsetFor(env: FilterEnv): (wallMs: number) => number {
  return (wallMs) => offsetAtWallTime(env.timeZone, wallMs);
}

const parseHl7For: DateFilterBody = (env, filter, text) => parseHl7DateTime(filter, text, localOffsetFor(env));
const parseFhirFor: DateFilterBody = (env, filter, text) => parseFhirDateTime(filter, text, localOffsetFor(env));

/** Wraps the shared steps: nil/"" passthrough, zone-handling validation, zone conversion, output. */
function zoned(
  filter: string,
  zoneIndex: number,
  body: DateFilterBody,
  output: (value: PartialDateTime) => string,
): (this: FilterEnv, input: unknown, ...args: unknown[]) => unknown {
  return function (this: FilterEnv, input: unknown, ...args: unknown[]): unknown {
    if (isEmpty(input)) return input;
    const handling = parseTimeZoneHandling(filter, args.length > zoneIndex ? args[zoneIndex] : ZONE_PARAM.default);
    const value = body(this, filter, String(input), ...args.slice(0, zoneIndex));
    return output(applyTimeZoneHandling(value, handling, this.timeZone));
  };
}

function addSecondsTo(value: PartialDateTime, seconds: number): PartialDateTime {
  if (!(Math.abs(seconds) <= MAX_SECONDS)) {
    throw createArgumentError('add_seconds', 'the number of seconds is out of range', 'Pass a finite number of seconds.');
  }
  const whole = Math.trunc(seconds);
  const ticks = Math.trunc((seconds - whole) * 10_000_000);
  const moved = addTicks(value.wallMs + whole * 1000, value.subTicks, ticks);
  if (!isWallInRange(moved.wallMs) || !isWallInRange(moved.wallMs - value.offsetMinutes * MS_PER_MINUTE)) {
    throw createArgumentError('add_seconds', 'the result is outside years 1–9999', 'Add a smaller number of seconds.');
  }
  const hasMs = Math.floor(wallToFields(moved.wallMs).tick / TICKS_PER_MS) !== 0;
  const precision = value.precision === 'fraction' || hasMs ? 'fraction' : 'second';
  return { wallMs: moved.wallMs, subTicks: moved.subTicks, offsetMinutes: value.offsetMinutes, precision };
}

export const FORMAT_AS_DATE_TIME = defineFilter({
  name: 'format_as_date_time',
  family: 'date',
  summary: 'HL7 timestamp → FHIR dateTime at the source precision, keeping fraction digits; zone: preserve|utc|local.',
  input: 'string',
  params: [ZONE_PARAM],
  fn: zoned('format_as_date_time', 0, parseHl7For, formatPartialAsFhir),
  examples: [
    { template: "{{ '19991231235959.5-0330' | format_as_date_time }}", output: '1999-12-31T23:59:59.5-03:30' },
    { template: "{{ '19991231235959.5-0330' | format_as_date_time: 'utc' }}", output: '2000-01-01T03:29:59.5Z' },
    { template: "{{ '200506' | format_as_date_time }}", output: '2005-06' },
  ],
});

export const ADD_HYPHENS_DATE = defineFilter({
  name: 'add_hyphens_date',
  family: 'date',
  summary: 'HL7 timestamp → FHIR date (`yyyy[-MM[-dd]]`), precision capped at day; zone: preserve|utc|local.',
  input: 'string',
  params: [ZONE_PARAM],
  fn: zoned(
    'add_hyphens_date',
    0,
    (env, filter, text) => {
      const value = parseHl7For(env, filter, text);
      return DAY_PRECISIONS.has(value.precision) ? value : { ...value, precision: 'day' };
    },
    formatPartialAsFhir,
  ),
  examples: [{ template: "{{ '19850101000000' | add_hyphens_date }}", output: '1985-01-01' }],
});

export const ADD_SECONDS = defineFilter({
  name: 'add_seconds',
  family: 'date',
  summary: 'FHIR date-time plus a number of seconds (tick precision); date-only inputs gain a time and zone.',
  input: 'string',
  params: [{ name: 'seconds', type: 'double' }, ZONE_PARAM],
  fn: zoned(
    'add_seconds',
    1,
    (env, filter, text, seconds) => addSecondsTo(parseFhirFor(env, filter, text), Number(seconds)),
    formatPartialAsFhir,
  ),
  examples: [
    { template: "{{ '2001-05' | add_seconds: 60 }}", output: '2001-05-01T00:01:00Z' },
    { template: "{{ '2020-01-01T00:00:00+01:00' | add_seconds: 1.5, 'utc' }}", output: '2019-12-31T23:00:01.500Z' },
  ],
});

export const FORMAT_AS_HL7V2_DATE_TIME = defineFilter({
  name: 'format_as_hl7v2_date_time',
  family: 'date',
  summary: 'FHIR date-time → HL7 timestamp (`yyyyMMddHHmmss[.f]±HHMM`, or the date at its precision).',
  input: 'string',
  params: [ZONE_PARAM],
  fn: zoned('format_as_hl7v2_date_time', 0, parseFhirFor, formatPartialAsHl7),
  examples: [
    { template: "{{ '2020-05-06T07:08:09.12-05:00' | format_as_hl7v2_date_time }}", output: '20200506070809.12-0500' },
    { template: "{{ '2020-05' | format_as_hl7v2_date_time }}", output: '202005' },
  ],
});

export const NOW = defineFilter({
  name: 'now',
  family: 'date',
  summary: "Current UTC time with a .NET format (default `yyyy-MM-ddTHH:mm:ss.FFFZ`, the `Z` is literal); input ignored.",
  input: 'any',
  params: [{ name: 'format', type: 'string', default: NOW_FORMAT }],
  fn(this: FilterEnv, _input: unknown, format: unknown = NOW_FORMAT): unknown {
    const current = new NetDateTime(this.now().getTime(), 0, 'utc');
    return formatDotNetDate(current, typeof format === 'string' && format !== '' ? format : 'G', this.timeZone);
  },
});

/** The §7.3 date filters, in documentation order. */
export const DATE_FILTERS: FilterSpec[] = [FORMAT_AS_DATE_TIME, ADD_HYPHENS_DATE, ADD_SECONDS, FORMAT_AS_HL7V2_DATE_TIME, NOW];
