/**
 * Text forms of date values. The C-CDA model's `NetDate` knows its .NET kind and prints itself; the runtime only
 * duck-types it by method name so it never imports mappers (msfc-compat §6.5, §9.3).
 */

interface LiquidTextDate {
  toLiquidText(timeZone: string): string;
}

interface NewtonsoftTextDate {
  toNewtonsoftText(timeZone: string): string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function hasMethod(value: object, name: string): boolean {
  return typeof (value as Record<string, unknown>)[name] === 'function';
}

/** .NET default `DateTime` text in the invariant culture, `MM/dd/yyyy HH:mm:ss` (msfc-compat §6.5). */
export function liquidDateText(date: Date, timeZone: string): string {
  if (hasMethod(date, 'toLiquidText')) return (date as unknown as LiquidTextDate).toLiquidText(timeZone);
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${pad(date.getUTCFullYear(), 4)} ${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** Newtonsoft ISO text of a date without quotes (msfc-compat §9.3); a plain `Date` writes as UTC. */
export function newtonsoftDateText(date: Date, timeZone: string): string {
  if (hasMethod(date, 'toNewtonsoftText')) return (date as unknown as NewtonsoftTextDate).toNewtonsoftText(timeZone);
  return date.toISOString().replace(/\.?0*Z$/, 'Z');
}
