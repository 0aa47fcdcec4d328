/**
 * One resource's records kept in two orders, by id and by (timeStamp, id), so that a page is found by binary search
 * and never by scanning the whole collection. A touched record moves to its new place in the time order.
 */

/** Where a page starts: a position in the sort order. `timeStamp` is absent when sorting by id. */
export interface OrderKey {
  timeStamp?: number;
  id: number;
}

/** Records with a last-modified time, as every Lightspeed entity has. */
export interface Stamped {
  timeStamp: number;
}

/** Index of the first element for which `after` is true, given that it is false then true along the array. */
export function firstIndexWhere<T>(list: readonly T[], after: (value: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The two orders of one collection. */
export class RecordIndex<T extends Stamped> {
  private readonly byId: T[];
  private readonly byTime: T[];

  constructor(
    readonly idOf: (record: T) => number,
    records: readonly T[],
  ) {
    this.byId = [...records].sort((a, b) => idOf(a) - idOf(b));
    this.byTime = [...records].sort((a, b) => this.compareTime(a, b.timeStamp, idOf(b)));
  }

  /** Every record, ascending by id. */
  get all(): readonly T[] {
    return this.byId;
  }

  /** Every record, ascending by (timeStamp, id). */
  get inTimeOrder(): readonly T[] {
    return this.byTime;
  }

  /** The record with this id. */
  get(id: number): T | undefined {
    const record = this.byId[firstIndexWhere(this.byId, (r) => this.idOf(r) >= id)];
    return record && this.idOf(record) === id ? record : undefined;
  }

  /** Highest id in use (0 when empty). */
  get maxId(): number {
    const last = this.byId[this.byId.length - 1];
    return last ? this.idOf(last) : 0;
  }

  /** Adds a new record; its id must be higher than every existing one. */
  add(record: T): void {
    if (this.idOf(record) <= this.maxId) throw new Error(`id ${this.idOf(record)} is not new`);
    this.byId.push(record);
    this.insertByTime(record);
  }

  /** Records a modification: sets the new timeStamp and moves the record to its place in the time order. */
  touch(record: T, timeStamp: number): void {
    const id = this.idOf(record);
    const at = firstIndexWhere(this.byTime, (r) => this.compareTime(r, record.timeStamp, id) >= 0);
    if (this.byTime[at] !== record) throw new Error(`record ${id} is not in the index`);
    this.byTime.splice(at, 1);
    record.timeStamp = timeStamp;
    this.insertByTime(record);
  }

  /** Sign of (record - key) in the (timeStamp, id) order. */
  compareTime(record: T, timeStamp: number, id: number): number {
    return record.timeStamp - timeStamp || this.idOf(record) - id;
  }

  private insertByTime(record: T): void {
    const id = this.idOf(record);
    // Modifications carry the newest stamp, so this is almost always an append.
    const last = this.byTime[this.byTime.length - 1];
    if (!last || this.compareTime(last, record.timeStamp, id) < 0) {
      this.byTime.push(record);
      return;
    }
    const at = firstIndexWhere(this.byTime, (r) => this.compareTime(r, record.timeStamp, id) > 0);
    this.byTime.splice(at, 0, record);
  }
}
