/**
 * Lists the reference holds as typed .NET lists (`string[]`/`List<string>` from `split` and `match`, HL7 segment
 * lists) rather than generic `List<object>`. They are plain arrays here, so the producers mark them; `concat`
 * rejects marked lists as the reference does (msfc-compat §7.4). Unmarked arrays count as generic lists, so a
 * collection that was not marked never fails a conversion the reference would accept.
 */
const TYPED_LISTS = new WeakSet<readonly unknown[]>();

/** Marks `list` as a typed list and returns it. */
export function markTypedList<T extends readonly unknown[]>(list: T): T {
  TYPED_LISTS.add(list);
  return list;
}

/** True for a list marked with {@link markTypedList}. */
export function isTypedList(value: unknown): boolean {
  return Array.isArray(value) && TYPED_LISTS.has(value);
}
