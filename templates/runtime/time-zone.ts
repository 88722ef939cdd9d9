import { EngineError } from '../../pipelines/contracts/index.js';
import { MS_PER_MINUTE, wallFromParts } from './wall-time.js';

/**
 * Offsets of the host ("local") zone, an IANA name (msfc-compat §11). Formatters are cached per zone; `UTC` and
 * `Etc/UTC` short-circuit to zero.
 */

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const HOURLY_OFFSETS = new Map<string, number | null>();
const HOURLY_LIMIT = 8192;

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(zone);
  if (formatter) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new EngineError('render.invalid-host-time-zone', 'time zone: the configured host time zone is not a known IANA zone name', {
      stage: 'render',
      suggestion: 'Set the host time zone to an IANA name such as "UTC" or "America/New_York".',
      ref: 'msfc-compat §11',
      location: { path: 'time zone' },
    });
  }
  FORMATTERS.set(zone, formatter);
  return formatter;
}

function computeOffset(zone: string, instantMs: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(instantMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const era = parts.find((part) => part.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - field('year') : field('year');
  const wall = wallFromParts(year, field('month'), field('day'), field('hour'), field('minute'), field('second'), 0);
  const instantSeconds = Math.floor(instantMs / 1000) * 1000;
  return Math.round((wall - instantSeconds) / MS_PER_MINUTE);
}

/**
 * Offset in minutes of `zone` at the given instant (UTC epoch ms). Cached per zone and UTC hour when the offset is
 * the same at both ends of the hour (zones do not change offset twice within an hour).
 */
export function offsetAtInstant(zone: string, instantMs: number): number {
  if (UTC_ZONES.has(zone)) return 0;
  const hourStart = Math.floor(instantMs / HOUR_MS) * HOUR_MS;
  const key = `${zone}|${hourStart}`;
  let cached = HOURLY_OFFSETS.get(key);
  if (cached === undefined) {
    const start = computeOffset(zone, hourStart);
    cached = start === computeOffset(zone, hourStart + HOUR_MS - 1) ? start : null;
    if (HOURLY_OFFSETS.size >= HOURLY_LIMIT) HOURLY_OFFSETS.clear();
    HOURLY_OFFSETS.set(key, cached);
  }
  return cached ?? computeOffset(zone, instantMs);
}

/**
 * Offset in minutes that .NET `TimeZoneInfo.GetUtcOffset` gives for an unspecified wall time in `zone`: the unique
 * valid offset, or the standard (smaller) one for ambiguous and skipped wall times.
 */
export function offsetAtWallTime(zone: string, wallMs: number): number {
  if (UTC_ZONES.has(zone)) return 0;
  const before = offsetAtInstant(zone, wallMs - DAY_MS);
  const after = offsetAtInstant(zone, wallMs + DAY_MS);
  const candidates = before === after ? [before] : [before, after];
  const valid = candidates.filter((offset) => offsetAtInstant(zone, wallMs - offset * MS_PER_MINUTE) === offset);
  if (valid.length === 1) return valid[0];
  if (valid.length === 0 && candidates.length === 1) {
    return offsetAtInstant(zone, wallMs - before * MS_PER_MINUTE);
  }
  return Math.min(...candidates);
}
