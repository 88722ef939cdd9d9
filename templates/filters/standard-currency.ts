import { netTypeOf, toNetString } from '../runtime/convert.js';
import { renderError } from '../runtime/render-error.js';
import { defineFilter } from './define.js';
import type { FilterEnv, FilterSpec } from './define.js';

/** .NET `NumberFormatInfo` currency fields of one culture (.NET 8 / ICU data). */
interface CurrencyCulture {
  symbol: string;
  group: string;
  decimal: string;
  positive: (n: string, s: string) => string;
  negative: (n: string, s: string) => string;
}

const CULTURES: Record<string, CurrencyCulture> = {
  '': { symbol: '¤', group: ',', decimal: '.', positive: (n, s) => `${s}${n}`, negative: (n, s) => `(${s}${n})` },
  'en-us': { symbol: '$', group: ',', decimal: '.', positive: (n, s) => `${s}${n}`, negative: (n, s) => `-${s}${n}` },
  'en-gb': { symbol: '£', group: ',', decimal: '.', positive: (n, s) => `${s}${n}`, negative: (n, s) => `-${s}${n}` },
  'de-de': { symbol: '€', group: '.', decimal: ',', positive: (n, s) => `${n}\u00a0${s}`, negative: (n, s) => `-${n}\u00a0${s}` },
};

const NUMBER_TEXT = /^\s*[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?\s*$/;

function parseAmount(input: unknown): number | undefined {
  const type = netTypeOf(input);
  if (type === 'int' || type === 'double' || type === 'decimal') return Number(input);
  if (type !== 'string' || !NUMBER_TEXT.test(input as string) || !/\d/.test(input as string)) return undefined;
  return Number((input as string).replace(/,/g, '').trim());
}

function groupDigits(digits: string, group: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, group);
}

/** `decimal.ToString("C", culture)`: two places rounded half away from zero, grouped, culture pattern. */
export function formatCurrency(amount: number, culture: CurrencyCulture): string {
  const cents = Math.round(Math.abs(amount) * 100 + 1e-9);
  const whole = groupDigits(String(Math.floor(cents / 100)), culture.group);
  const text = `${whole}${culture.decimal}${String(cents % 100).padStart(2, '0')}`;
  return amount < 0 && cents > 0 ? culture.negative(text, culture.symbol) : culture.positive(text, culture.symbol);
}

function cultureOf(name: unknown): CurrencyCulture {
  const key = typeof name === 'string' ? name.trim().toLowerCase() : '';
  const culture = CULTURES[key];
  if (culture) return culture;
  throw renderError(
    'render.unknown-culture',
    `Culture '${key}' is not supported by the currency filter`,
    `Use one of: invariant (no argument), ${Object.keys(CULTURES).filter(Boolean).join(', ')}.`,
  );
}

/** DotLiquid `currency: culture?` (msfc-compat §6.9): the render culture is invariant, so the symbol is `¤`. */
export const CURRENCY_FILTER: FilterSpec = defineFilter({
  name: 'currency',
  family: 'standard',
  summary: 'Formats a number as money in a culture (invariant by default: ¤1,234.50); non-numbers pass through.',
  input: 'any',
  params: [{ name: 'culture', type: 'string', default: null }],
  fn(this: FilterEnv, input: unknown, culture: unknown): unknown {
    if (input === null || input === undefined) return input;
    const amount = parseAmount(input);
    if (amount === undefined) return netTypeOf(input) === 'object' ? input : toNetString(input, this.timeZone);
    return formatCurrency(amount, cultureOf(culture));
  },
  examples: [
    { template: '{{ 1234.5 | currency }}', output: '¤1,234.50' },
    { template: "{{ '-3' | currency: 'en-US' }}", output: '-$3.00' },
  ],
});
