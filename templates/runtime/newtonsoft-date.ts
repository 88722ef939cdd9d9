/**
 * Newtonsoft date detection and re-writing (msfc-compat §9.3): an ISO date-time string read by a default Newtonsoft
 * reader becomes a DateTime and is written back as `YYYY-MM-DDThh:mm:ss[.fffffff trimmed][Z|±hh:mm]`, with offsets
 * converted to the host's local zone.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Offset in minutes of IANA zone `timeZone` at UTC instant `ms`. */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60000);
}

function writeDateTime(ms: number, fraction: string, suffix: string): string {
  const d = new Date(ms);
  const frac = fraction.replace(/0+$/, '');
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (frac ? `.${frac}` : '') +
    suffix
  );
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** The re-written text if `text` is detected as a date, else undefined. */
export function normalizeNewtonsoftDate(text: string, timeZone: string): string | undefined {
  if (text.length < 19 || text.length > 40) return undefined;
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fractionRaw = '', zone] = m;
  const fraction = fractionRaw.replace(/0+$/, '');
  if (fraction.length > 7) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  if (minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || fraction !== ''))) return undefined;
  if (zone && zone.length > 3 && Number(zone.replace(':', '').slice(3)) > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const wallFixed = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  if (zone === undefined) return writeDateTime(wallFixed, fraction, '');
  if (zone === 'Z' || zone === 'z') return writeDateTime(wallFixed, fraction, 'Z');
  const instant = wallFixed - zoneMinutes(zone) * 60000;
  const local = zoneOffsetMinutes(instant, timeZone);
  return writeDateTime(instant + local * 60000, fraction, offsetText(local));
}
