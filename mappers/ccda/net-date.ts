import { zoneOffsetMinutes } from './zone-offset.js';

/** .NET DateTimeKind of a detected date (msfc-compat §9.3). */
export type NetDateKind = 'utc' | 'local' | 'unspecified';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A date that Newtonsoft's reader detected in a C-CDA string (msfc-compat §4.5, §9.3). It is a real `Date` (the
 * instant; for `unspecified` the wall clock read as UTC) that also keeps the .NET kind and the 100 ns fraction, so
 * it can print as DotLiquid does (`MM/dd/yyyy HH:mm:ss`) and as Newtonsoft writes it. `local` dates are shown in
 * the configured host zone.
 */
export class NetDate extends Date {
  constructor(
    epochMs: number,
    readonly kind: NetDateKind,
    /** Sub-second part in ticks of 100 ns (0 to 9 999 999). */
    readonly fractionTicks: number,
  ) {
    super(epochMs);
  }

  private wallClock(timeZone: string): { date: Date; offset: number } {
    const offset = this.kind === 'local' ? zoneOffsetMinutes(this.getTime(), timeZone) : 0;
    return { date: new Date(this.getTime() + offset * 60_000), offset };
  }

  /** `{{ date }}` text: `MM/dd/yyyy HH:mm:ss` (invariant culture, msfc-compat §6.5). */
  toLiquidText(timeZone = 'UTC'): string {
    const { date: d } = this.wallClock(timeZone);
    return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear(), 4)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }

  /** Newtonsoft ISO text without quotes (msfc-compat §9.3), e.g. `2020-03-04T03:06:07.8+00:00`. */
  toNewtonsoftText(timeZone = 'UTC'): string {
    const { date: d, offset } = this.wallClock(timeZone);
    const fraction = this.fractionTicks > 0 ? '.' + pad(this.fractionTicks, 7).replace(/0+$/, '') : '';
    const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}`;
    if (this.kind === 'utc') return base + 'Z';
    if (this.kind === 'unspecified') return base;
    const abs = Math.abs(offset);
    return `${base}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  override toString(): string {
    return this.toLiquidText();
  }
}
