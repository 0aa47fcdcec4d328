/**
 * A list of ids kept sorted by (time, id). Time filters become two binary searches and a page is a slice, so
 * serving a page never walks the whole table; an update is a remove and an insert.
 */

/** Position of a (time, id) key in sort order. */
export interface IndexKey {
  ms: number;
  id: string;
}

/** Compares two keys in (time, id) order. */
export const compareKeys = (a: IndexKey, b: IndexKey): number => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Ids sorted ascending by (ms, id). */
export class TimeIndex {
  private ms: number[] = [];
  private ids: string[] = [];

  /** Builds an index from unsorted parallel arrays of times and ids in one sort. */
  static build(ms: readonly number[], ids: readonly string[]): TimeIndex {
    const index = new TimeIndex();
    let sorted = true;
    for (let i = 1; i < ms.length && sorted; i++) sorted = ms[i - 1] < ms[i] || (ms[i - 1] === ms[i] && ids[i - 1] < ids[i]);
    // Generated history usually arrives in created_at order already.
    if (sorted) {
      index.ms = ms.slice();
      index.ids = ids.slice();
      return index;
    }
    // A plain array: V8's Array#sort is a TimSort, near linear on the almost sorted input generation produces.
    const order = Array.from(ms, (_, i) => i);
    order.sort((a, b) => ms[a] - ms[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
    index.ms = Array.from(order, (i) => ms[i]);
    index.ids = Array.from(order, (i) => ids[i]);
    return index;
  }

  /** Number of entries. */
  get size(): number {
    return this.ms.length;
  }

  /** The key at position `i`. */
  at(i: number): IndexKey {
    return { ms: this.ms[i], id: this.ids[i] };
  }

  /** The id at position `i`. */
  idAt(i: number): string {
    return this.ids[i];
  }

  /** The time at position `i`. */
  msAt(i: number): number {
    return this.ms[i];
  }

  /** First position whose key is >= `key` (or > `key` when `strict`). */
  seek(key: IndexKey, strict = false): number {
    let lo = 0, hi = this.ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys({ ms: this.ms[mid], id: this.ids[mid] }, key);
      if (c < 0 || (strict && c === 0)) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** First position with time >= `ms`. */
  lowerBound(ms: number): number {
    let lo = 0, hi = this.ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ms[mid] < ms) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** First position with time > `ms`. */
  upperBound(ms: number): number {
    let lo = 0, hi = this.ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ms[mid] <= ms) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Adds an entry; new and updated rows carry the latest time, so this is usually an append. */
  insert(key: IndexKey): void {
    const last = this.ms.length - 1;
    const i = last < 0 || compareKeys(this.at(last), key) < 0 ? this.ms.length : this.seek(key);
    this.ms.splice(i, 0, key.ms);
    this.ids.splice(i, 0, key.id);
  }

  /** Removes an entry; returns false if it was not there. */
  remove(key: IndexKey): boolean {
    const i = this.seek(key);
    if (i >= this.ms.length || this.ids[i] !== key.id || this.ms[i] !== key.ms) return false;
    this.ms.splice(i, 1);
    this.ids.splice(i, 1);
    return true;
  }
}
