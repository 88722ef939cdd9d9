import { offsetAtInstant, offsetAtWallTime } from './time-zone.js';
import { addTicks, isValidCalendar, MS_PER_MINUTE, wallFromParts, wallToFields } from './wall-time.js';

/**
 * The one .NET `DateTime` of the template value model and the one Newtonsoft date detector (msfc-compat §4.5, §6.5,
 * §7.1, §9.3). Shared by the C-CDA model, the runtime and the filters.
 */

/** .NET `DateTimeKind`. */
export type DateTimeKind = 'unspecified' | 'utc' | 'local';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A .NET `DateTime`. It is a JS `Date` (the instant; for unspecified kind the wall clock read as UTC) that keeps the
 * kind and the 100 ns ticks below the millisecond. A local-kind value is either a wall time in the host zone
 * (`new NetDateTime(wallMs, …, 'local')`) or an instant shown in whatever host zone it is printed in
 * ({@link NetDateTime.localAt}, what Newtonsoft detection yields before the zone is known).
 */
export class NetDateTime extends Date {
  readonly #wallMs: number;
  readonly #instantMs: number | undefined;

  /** `wallMs`: the wall clock read as UTC (see wall-time.ts); `subTicks`: 0–9999 ticks below the millisecond. */
  constructor(
    wallMs: number,
    readonly subTicks: number,
    readonly kind: DateTimeKind,
    instantMs?: number,
  ) {
    super(instantMs ?? wallMs);
    this.#wallMs = wallMs;
    this.#instantMs = instantMs;
  }

  /** A local-kind value at a UTC instant; its wall time follows the host zone it is read in. */
  static localAt(instantMs: number, subTicks: number): NetDateTime {
    return new NetDateTime(instantMs, subTicks, 'local', instantMs);
  }

  /** The wall clock (read as UTC milliseconds) in host zone `timeZone`. */
  wallIn(timeZone: string): number {
    const instant = this.#instantMs;
    return instant === undefined ? this.#wallMs : instant + offsetAtInstant(timeZone, instant) * MS_PER_MINUTE;
  }

  /** Host-zone offset in minutes that .NET shows for this value (`zzz`, Newtonsoft local dates); 0 for UTC kind. */
  offsetIn(timeZone: string): number {
    if (this.kind === 'utc') return 0;
    const instant = this.#instantMs;
    return instant === undefined ? offsetAtWallTime(timeZone, this.#wallMs) : offsetAtInstant(timeZone, instant);
  }

  /** `{{ date }}` text: `MM/dd/yyyy HH:mm:ss` (invariant culture, msfc-compat §6.5). */
  toLiquidText(timeZone = 'UTC'): string {
    const f = wallToFields(this.wallIn(timeZone));
    return `${pad(f.month)}/${pad(f.day)}/${pad(f.year, 4)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
  }

  /** Newtonsoft ISO text without quotes (msfc-compat §9.3): trimmed 7-digit fraction, then `Z` / host offset / nothing. */
  toNewtonsoftText(timeZone = 'UTC'): string {
    const f = wallToFields(this.wallIn(timeZone), this.subTicks);
    const fraction = f.tick === 0 ? '' : '.' + pad(f.tick, 7).replace(/0+$/, '');
    const date = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
    const time = `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${fraction}`;
    const zone = this.kind === 'utc' ? 'Z' : this.kind === 'local' ? offsetText(this.offsetIn(timeZone)) : '';
    return `${date}T${time}${zone}`;
  }

  override toString(): string {
    return this.toLiquidText();
  }
}

/** A JS Date as a UTC-kind NetDateTime (JS dates carry no kind; they are instants). */
export function netDateFromJsDate(date: Date): NetDateTime {
  return date instanceof NetDateTime ? date : new NetDateTime(date.getTime(), 0, 'utc');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const DAY_MS = 86_400_000;
const MAX_EPOCH_MS = 8.64e15;

function parseOffset(zone: string): number | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[3] ?? 0) > 59 || minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

function detectIso(text: string): NetDateTime | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = (m[7] ?? '').replace(/0+$/, '');
  if (fraction.length > 7) return undefined;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && fraction === '';
  if (!isValidCalendar(year, month, day, endOfDay ? 0 : hour, minute, second)) return undefined;
  const base = wallFromParts(year, month, day, endOfDay ? 0 : hour, minute, second, 0) + (endOfDay ? DAY_MS : 0);
  const { wallMs, subTicks } = addTicks(base, 0, Number(fraction.padEnd(7, '0')));
  const zone = m[8];
  if (zone === undefined) return new NetDateTime(wallMs, subTicks, 'unspecified');
  if (zone === 'Z' || zone === 'z') return new NetDateTime(wallMs, subTicks, 'utc');
  const offset = parseOffset(zone);
  return offset === undefined ? undefined : NetDateTime.localAt(wallMs - offset * MS_PER_MINUTE, subTicks);
}

function detectMsDate(text: string): NetDateTime | undefined {
  const m = MS_DATE.exec(text);
  if (!m || Math.abs(Number(m[1])) > MAX_EPOCH_MS) return undefined;
  const instant = Number(m[1]);
  return m[2] === undefined ? new NetDateTime(instant, 0, 'utc') : NetDateTime.localAt(instant, 0);
}

/**
 * Newtonsoft's default reader date detection (msfc-compat §9.3): ISO date-times of 19–40 characters starting with a
 * digit, `T` at index 10, a real calendar date, hour ≤ 23 or exactly `24:00:00`, at most 7 significant fraction
 * digits; or `/Date(ms±zzzz)/`. `Z` → UTC kind; an offset → local kind at that instant; no zone → unspecified.
 * Returns undefined when the text stays a string.
 */
export function detectNewtonsoftDate(text: string): NetDateTime | undefined {
  const first = text.charCodeAt(0);
  if (first === 0x2f) return text.startsWith('/Date(') ? detectMsDate(text) : undefined;
  if (text.length < 19 || text.length > 40 || first < 0x30 || first > 0x39 || text[10] !== 'T') return undefined;
  return detectIso(text);
}

/** The Newtonsoft re-written text of `text` in host zone `timeZone` if it is detected as a date, else undefined. */
export function normalizeNewtonsoftDate(text: string, timeZone: string): string | undefined {
  return detectNewtonsoftDate(text)?.toNewtonsoftText(timeZone);
}

interface TextDate {
  toLiquidText(timeZone: string): string;
  toNewtonsoftText(timeZone: string): string;
}

function isTextDate(date: Date): date is Date & TextDate {
  return typeof (date as Partial<TextDate>).toLiquidText === 'function';
}

/** `{{ }}` text of a date in `timeZone`, `MM/dd/yyyy HH:mm:ss` (msfc-compat §6.5); a plain `Date` prints as UTC. */
export function liquidDateText(date: Date, timeZone: string): string {
  return isTextDate(date) ? date.toLiquidText(timeZone) : new NetDateTime(date.getTime(), 0, 'utc').toLiquidText(timeZone);
}

/** Newtonsoft ISO text of a date without quotes (msfc-compat §9.3); a plain `Date` writes as UTC. */
export function newtonsoftDateText(date: Date, timeZone: string): string {
  return isTextDate(date) ? date.toNewtonsoftText(timeZone) : netDateFromJsDate(date).toNewtonsoftText(timeZone);
}
