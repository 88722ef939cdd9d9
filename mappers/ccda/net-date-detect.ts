import { NetDate } from './net-date.js';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MS_DATE_RE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneMinutes(zone: string): number {
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function detectIso(text: string): NetDate | undefined {
  const m = ISO_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (minute > 59 || second > 59 || hour > 24 || (hour === 24 && (minute > 0 || second > 0))) return undefined;
  const ticks = m[7] ? Number(m[7].padEnd(7, '0')) : 0;
  if (hour === 24 && ticks > 0) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(ticks / 10_000);
  const wallMs = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  const zone = m[8];
  if (zone === undefined) return new NetDate(wallMs, 'unspecified', ticks);
  if (zone === 'Z' || zone === 'z') return new NetDate(wallMs, 'utc', ticks);
  return new NetDate(wallMs - zoneMinutes(zone) * 60_000, 'local', ticks);
}

/**
 * Newtonsoft's date detection on a JSON string (msfc-compat §9.3): 19–40 characters, a digit first, `T` at index 10
 * and a full ISO date-time with a real calendar date, or the `/Date(ms±zzzz)/` form. Returns undefined otherwise.
 */
export function detectNetDate(text: string): NetDate | undefined {
  const first = text.charCodeAt(0);
  if (first === 0x2f) {
    const m = MS_DATE_RE.exec(text);
    return m && Math.abs(Number(m[1])) <= 8.64e15 ? new NetDate(Number(m[1]), m[2] ? 'local' : 'utc', 0) : undefined;
  }
  if (text.length < 19 || text.length > 40 || first < 0x30 || first > 0x39 || text[10] !== 'T') return undefined;
  return detectIso(text);
}
