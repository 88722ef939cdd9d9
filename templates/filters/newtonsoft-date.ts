import {
  addTicks,
  isValidCalendar,
  MS_PER_MINUTE,
  NetDateTime,
  wallFromParts,
  wallToFields,
} from './net-date-time.js';
import { offsetAtInstant, offsetAtWallTime } from './time-zone.js';

/** Newtonsoft.Json date detection and date writing (msfc-compat §9.3). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const DAY_MS = 86_400_000;

function toLocal(instantMs: number, subTicks: number, timeZone: string): NetDateTime {
  return new NetDateTime(instantMs + offsetAtInstant(timeZone, instantMs) * MS_PER_MINUTE, subTicks, 'local');
}

function parseOffset(zone: string): number | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[3] ?? 0) > 59 || minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

function detectIso(text: string, timeZone: string): NetDateTime | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = m[7] ?? '';
  const endOfDay = hour === 24 && minute === 0 && second === 0 && !/[1-9]/.test(fraction);
  if (!isValidCalendar(year, month, day, endOfDay ? 0 : hour, minute, second)) return undefined;
  const base = wallFromParts(year, month, day, endOfDay ? 0 : hour, minute, second, 0) + (endOfDay ? DAY_MS : 0);
  const { wallMs, subTicks } = addTicks(base, 0, Number(fraction.padEnd(7, '0')));
  const zone = m[8];
  if (zone === undefined) return new NetDateTime(wallMs, subTicks, 'unspecified');
  if (zone === 'Z' || zone === 'z') return new NetDateTime(wallMs, subTicks, 'utc');
  const offset = parseOffset(zone);
  return offset === undefined ? undefined : toLocal(wallMs - offset * MS_PER_MINUTE, subTicks, timeZone);
}

/**
 * Newtonsoft's default reader date detection: ISO date-times of 19–40 characters starting with a digit and with `T`
 * at index 10, or `/Date(ms±zzzz)/`. `Z` → UTC kind; an offset → converted to host local time (local kind); no zone
 * → unspecified. Returns undefined when the text stays a string.
 */
export function detectNewtonsoftDate(text: string, timeZone: string): NetDateTime | undefined {
  if (text.startsWith('/Date(')) {
    const m = MS_DATE.exec(text);
    if (!m) return undefined;
    const instant = Number(m[1]);
    return m[2] === undefined ? new NetDateTime(instant, 0, 'utc') : toLocal(instant, 0, timeZone);
  }
  const first = text.charCodeAt(0);
  if (text.length < 19 || text.length > 40 || first < 48 || first > 57 || text[10] !== 'T') return undefined;
  return detectIso(text, timeZone);
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/** Newtonsoft ISO date text (no quotes): seconds, trimmed 7-digit fraction, then `Z` / host offset / nothing. */
export function writeNewtonsoftDate(value: NetDateTime, timeZone: string): string {
  const f = wallToFields(value.wallMs, value.subTicks);
  const fraction = f.tick === 0 ? '' : '.' + pad(f.tick, 7).replace(/0+$/, '');
  const date = `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
  const time = `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}${fraction}`;
  const zone = { utc: 'Z', local: '', unspecified: '' }[value.kind];
  const local = value.kind === 'local' ? formatOffset(offsetAtWallTime(timeZone, value.wallMs)) : '';
  return `${date}T${time}${zone}${local}`;
}

