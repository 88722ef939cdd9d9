/**
 * Native forms of the two ordering invariants whose fhirpath.js evaluation is costly (date and UCUM quantity
 * comparison, ~0.2-1 ms per call): per-1 on dateTimes with the same explicit offset, rng-2 on UCUM quantities
 * with the same code and on quantities fhirpath.js does not convert. Each returns undefined outside the case it decides, so fhirpath.js answers the rest.
 */

const UCUM = 'http://unitsofmeasure.org';
const OFFSET_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The offset of a valid `YYYY-MM-DDThh:mm:ss±hh:mm` dateTime (calendar date, times and offset in range), else undefined. */
function offsetOf(value: string): string | undefined {
  const m = OFFSET_DATETIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, , offHour, offMinute] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => Number(m[i]));
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (!(offHour <= 13 && offMinute <= 59) && !(offHour === 14 && offMinute === 0)) return undefined;
  return m[7];
}

/** per-1 `start <= end` for two second-precision dateTimes with the same offset (their local times order like their instants). */
export function sameOffsetOrder(start: string, end: string): boolean | undefined {
  const offset = offsetOf(start);
  return offset !== undefined && offset === offsetOf(end) ? start <= end : undefined;
}

function isPlainObject(q: unknown): q is Record<string, unknown> {
  return typeof q === 'object' && q !== null && Object.getPrototypeOf(q) === Object.prototype;
}

/** fhirpath.js turns a FHIR Quantity into a System.Quantity only with UCUM system, numeric value and string code. */
function isUcumConvertible(q: Record<string, unknown>): boolean {
  return q.system === UCUM && typeof q.value === 'number' && typeof q.code === 'string';
}

/**
 * rng-2 `low.empty() or high.empty() or (low <= high)`: true when a bound is absent; value order for two UCUM
 * quantities with one code and no comparator; true when neither bound is UCUM-convertible (fhirpath.js then
 * compares the two plain objects with JS `<=`, which holds).
 */
export function rangeOrder(v: Record<string, unknown>): boolean | undefined {
  const { low, high } = v;
  if (low === undefined || high === undefined) return true;
  if (!isPlainObject(low) || !isPlainObject(high)) return undefined;
  const lowUcum = isUcumConvertible(low);
  const highUcum = isUcumConvertible(high);
  if (!lowUcum && !highUcum) return true;
  if (!lowUcum || !highUcum || low.comparator !== undefined || high.comparator !== undefined || low.code !== high.code) return undefined;
  return (low.value as number) <= (high.value as number);
}
