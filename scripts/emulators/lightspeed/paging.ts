/**
 * Finding one page of a sorted collection from a cursor. The cursor is the sort key of the boundary record, not an
 * offset, so records inserted or moved elsewhere in the order never shift a page: paging by (timeStamp, id) skips
 * nothing, and a record changed mid-scan is simply met again later with its new timeStamp.
 */
import { firstIndexWhere, type OrderKey, type RecordIndex, type Stamped } from './record-index';

/** What to fetch. */
export interface PageRequest<T extends Stamped> {
  index: RecordIndex<T>;
  byTime: boolean;
  descending: boolean;
  cursor?: { direction: 'after' | 'before'; key: OrderKey };
  limit: number;
  /** Inclusive whole-second timeStamp bounds; only narrows the scan when sorting by time. */
  timeWindow: { from: number; to: number };
  matches(record: T): boolean;
}

/** One page in the requested order, and whether more matches lie on either side of it. */
export interface Page<T> {
  records: T[];
  moreAfter: boolean;
  moreBefore: boolean;
}

/** The sort key of a record, as cursors carry it. */
export function orderKeyOf<T extends Stamped>(index: RecordIndex<T>, record: T, byTime: boolean): OrderKey {
  return byTime ? { timeStamp: record.timeStamp, id: index.idOf(record) } : { id: index.idOf(record) };
}

/** Finds the page; cost is a binary search plus the records it walks over. */
export function findPage<T extends Stamped>(request: PageRequest<T>): Page<T> {
  const { index, byTime, descending, cursor, limit, matches } = request;
  const list = byTime ? index.inTimeOrder : index.all;
  // Sign of (record - key) in ascending sort order.
  const compare = (record: T, key: OrderKey): number =>
    byTime ? index.compareTime(record, key.timeStamp ?? 0, key.id) : index.idOf(record) - key.id;
  // The slice of the ascending list that can hold matches at all.
  let lo = 0;
  let hi = list.length;
  if (byTime) {
    const { from, to } = request.timeWindow;
    if (from > -Infinity) lo = firstIndexWhere(list, (r) => r.timeStamp >= from);
    if (to < Infinity) hi = firstIndexWhere(list, (r) => r.timeStamp > to);
  }
  const firstAbove = (key: OrderKey): number => firstIndexWhere(list, (r) => compare(r, key) > 0);
  const firstAtOrAbove = (key: OrderKey): number => firstIndexWhere(list, (r) => compare(r, key) >= 0);

  /** Up to `max` matches walking from `start` by `step`, staying inside [lo, hi). */
  const walk = (start: number, step: 1 | -1, max: number): T[] => {
    const found: T[] = [];
    const from = step === 1 ? Math.max(start, lo) : Math.min(start, hi - 1);
    for (let i = from; i >= lo && i < hi && found.length < max; i += step) {
      const record = list[i] as T;
      if (matches(record)) found.push(record);
    }
    return found;
  };
  const forward: 1 | -1 = descending ? -1 : 1;
  const backward: 1 | -1 = descending ? 1 : -1;

  if (cursor?.direction === 'before') {
    // Records strictly before the key in the requested order, nearest first; then flipped back into order.
    const start = descending ? firstAbove(cursor.key) : firstAtOrAbove(cursor.key) - 1;
    const found = walk(start, backward, limit + 1);
    const atOrAfter = descending ? firstAbove(cursor.key) - 1 : firstAtOrAbove(cursor.key);
    return {
      records: found.slice(0, limit).reverse(),
      moreBefore: found.length > limit,
      moreAfter: walk(atOrAfter, forward, 1).length > 0,
    };
  }

  let start: number;
  if (!cursor) start = descending ? hi - 1 : lo;
  else start = descending ? firstAtOrAbove(cursor.key) - 1 : firstAbove(cursor.key);
  const found = walk(start, forward, limit + 1);
  return {
    records: found.slice(0, limit),
    moreAfter: found.length > limit,
    moreBefore: cursor !== undefined && walk(start - forward, backward, 1).length > 0,
  };
}
