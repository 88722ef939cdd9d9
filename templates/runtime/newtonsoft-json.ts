import { newtonsoftDateText } from './dotnet-date.js';
import {
  newtonsoftDecimalToken,
  newtonsoftDoubleToken,
  newtonsoftIntegerToken,
  quoteNewtonsoftString,
} from './dotnet-text.js';
import { Drop, KeyValuePair, NetDecimal, NetDouble, SafeList, isMapping } from './values.js';

/** Why the writer refuses a value: it is not JSON-serialisable, or it nests deeper than `maxDepth`. */
export type JsonWriteProblem = 'unsupported' | 'too-deep';

/** Options of {@link writeNewtonsoftJson}. */
export interface NewtonsoftWriteOptions {
  /** Indented output (2 spaces, `": "`, `\n` newlines) instead of compact. */
  indented?: boolean;
  /** Host zone for local-kind dates (msfc-compat §9.3); default `UTC`. */
  timeZone?: string;
  /** Deepest nesting written; deeper values go to `reject`. Unlimited when absent. */
  maxDepth?: number;
  /** The error to throw for a refused value; without it, unsupported values (HL7 drops) write as `null`. */
  reject?: (problem: JsonWriteProblem, value: unknown) => Error;
}

interface WriteState {
  readonly indented: boolean;
  readonly timeZone: string;
  readonly maxDepth: number;
  readonly reject: ((problem: JsonWriteProblem, value: unknown) => Error) | undefined;
}

function scalarToken(value: unknown, state: WriteState): string | undefined {
  if (typeof value === 'string') return quoteNewtonsoftString(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? newtonsoftIntegerToken(value) : newtonsoftDoubleToken(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof NetDouble) return newtonsoftDoubleToken(value.value);
  if (value instanceof NetDecimal) return newtonsoftDecimalToken(value.value);
  if (value instanceof Date) return quoteNewtonsoftString(newtonsoftDateText(value, state.timeZone));
  return undefined;
}

function container(open: string, close: string, items: string[], depth: number, state: WriteState): string {
  if (items.length === 0) return open + close;
  if (!state.indented) return open + items.join(',') + close;
  const inner = '\n' + '  '.repeat(depth + 1);
  return open + inner + items.join(',' + inner) + '\n' + '  '.repeat(depth) + close;
}

function refuse(problem: JsonWriteProblem, value: unknown, state: WriteState): string {
  if (state.reject !== undefined) throw state.reject(problem, value);
  return 'null';
}

function write(value: unknown, depth: number, state: WriteState): string {
  const scalar = scalarToken(value, state);
  if (scalar !== undefined) return scalar;
  if (value instanceof Drop || typeof value !== 'object') return refuse('unsupported', value, state);
  if (depth >= state.maxDepth) return refuse('too-deep', value, state);
  const colon = state.indented ? ': ' : ':';
  const pair = (key: string, item: unknown): string => quoteNewtonsoftString(key) + colon + write(item, depth + 1, state);
  if (Array.isArray(value) || value instanceof SafeList) {
    const items = [...(value as Iterable<unknown>)].map((item) => write(item, depth + 1, state));
    return container('[', ']', items, depth, state);
  }
  if (value instanceof KeyValuePair) return container('{', '}', [pair('Key', value.key), pair('Value', value.value)], depth, state);
  if (isMapping(value)) return container('{', '}', Object.keys(value).map((key) => pair(key, value[key])), depth, state);
  return refuse('unsupported', value, state);
}

/**
 * Newtonsoft `JsonConvert.SerializeObject` of a template value (msfc-compat §9.2, §9.3): mappings in insertion order,
 * lists, strings escaped per §9.2, ints plain, doubles with `.0` (non-finite ones as strings, Newtonsoft's default
 * float handling), decimals as plain digits, booleans, null, dates per §9.3, key/value pairs as
 * `{"Key":…,"Value":…}`. The one writer of `to_json_string`, `get_object`, mergeDiff and the C-CDA section filter.
 */
export function writeNewtonsoftJson(value: unknown, options: NewtonsoftWriteOptions = {}): string {
  const state: WriteState = {
    indented: options.indented ?? false,
    timeZone: options.timeZone ?? 'UTC',
    maxDepth: options.maxDepth ?? Infinity,
    reject: options.reject,
  };
  return write(value, 0, state);
}
