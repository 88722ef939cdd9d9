/**
 * Wall-clock date-time arithmetic of the .NET date model (dotnet-date.ts) and the date filters. A wall time is kept
 * as `wallMs` (milliseconds of the wall clock read as if it were UTC, proleptic Gregorian, years 1–9999) plus
 * `subTicks` (0–9999 ticks of 100 ns below the millisecond), which covers .NET tick precision without exceeding JS
 * safe integers.
 */

/** Calendar fields of a wall time. `tick` is the 0–9 999 999 fraction of the second in 100 ns units. */
export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  tick: number;
  /** 0 = Sunday. */
  dayOfWeek: number;
}

export const TICKS_PER_MS = 10_000;
export const MS_PER_MINUTE = 60_000;
const MIN_WALL_MS = wallFromParts(1, 1, 1, 0, 0, 0, 0);
const MAX_WALL_MS = wallFromParts(9999, 12, 31, 23, 59, 59, 999);

/** Milliseconds of the given wall fields; works for years below 100 (unlike `Date.UTC`). */
export function wallFromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** Splits a wall time into calendar fields. */
export function wallToFields(wallMs: number, subTicks = 0): WallFields {
  const date = new Date(wallMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    tick: date.getUTCMilliseconds() * TICKS_PER_MS + subTicks,
    dayOfWeek: date.getUTCDay(),
  };
}

/** True when the wall time lies within .NET `DateTime` range (0001-01-01 … 9999-12-31T23:59:59.9999999). */
export function isWallInRange(wallMs: number): boolean {
  return wallMs >= MIN_WALL_MS && wallMs <= MAX_WALL_MS;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the calendar fields name a real date and time (seconds 0–59). */
export function isValidCalendar(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  return (
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/** Adds a tick count to a wall time, carrying into milliseconds. */
export function addTicks(wallMs: number, subTicks: number, ticks: number): { wallMs: number; subTicks: number } {
  const total = subTicks + (ticks % TICKS_PER_MS);
  const carry = Math.floor(total / TICKS_PER_MS);
  return { wallMs: wallMs + Math.trunc(ticks / TICKS_PER_MS) + carry, subTicks: total - carry * TICKS_PER_MS };
}
