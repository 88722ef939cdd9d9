import { NetDateTime, netDateFromJsDate } from '../runtime/dotnet-date.js';
import type { FilterEnv } from './define.js';
import { defineFilter } from './define.js';
import { formatDotNetDate } from './dotnet-date-format.js';
import { tryParseDotNetDate } from './dotnet-date-parse.js';

const NOW_WORDS = new Set(['now', 'today']);

function currentLocal(env: FilterEnv): NetDateTime {
  return NetDateTime.localAt(env.now().getTime(), 0);
}

function toNetDate(env: FilterEnv, input: unknown): NetDateTime | undefined {
  if (input instanceof NetDateTime) return input;
  if (input instanceof Date) return netDateFromJsDate(input);
  if (typeof input !== 'string') return undefined;
  if (NOW_WORDS.has(input.trim().toLowerCase())) return currentLocal(env);
  return tryParseDotNetDate(input);
}

/**
 * The standard `date: fmt` filter with .NET custom date format strings (msfc-compat §6.9): nil → nil, date objects
 * formatted, text parsed with the .NET `TryParse` subset (`now`/`today` = current local time), unparseable or
 * non-text input returned unchanged. A blank format returns the input unchanged.
 */
export const DOTNET_DATE_FILTER = defineFilter({
  name: 'date',
  family: 'standard',
  summary: '.NET custom date format (`yyyy-MM-ddTHH:mm:ss.fff%K`); parses ISO-like text; unparseable → unchanged.',
  input: 'any',
  params: [{ name: 'format', type: 'string' }],
  fn(this: FilterEnv, input: unknown, format: unknown): unknown {
    if (input == null) return null;
    if (typeof format !== 'string' || format.trim() === '') return input;
    const value = toNetDate(this, input);
    return value === undefined ? input : formatDotNetDate(value, format, this.timeZone);
  },
  examples: [
    {
      template: "{{ '2013-05-15T10:00:00+01:00' | date: 'yyyy-MM-ddTHH:mm:ss.fff%K' }}",
      output: '2013-05-15T09:00:00.000+00:00',
    },
    { template: "{{ '2013-05-15' | date: 'yyyy-MM-ddTHH:mm:ss.fff%K' }}", output: '2013-05-15T00:00:00.000' },
  ],
});
