/**
 * One page of a time-filtered, time-sorted listing, read from the time indexes. The planner walks whichever
 * index has fewer rows in range: the sort index directly (already in order), or the other filter's index
 * followed by a sort of just those candidates. Either way a page costs the rows in range, never the table.
 */
import { max, min } from './bound-globals';
import type { SortPosition } from './cursor';
import type { TimeIndex } from './time-index';

/** An inclusive time window in ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** A time-indexed filter: the index, the window, and how to read the time from a row by id. */
export interface IndexedFilter {
  index: TimeIndex;
  window: TimeWindow;
  msOf: (id: string) => number;
}

/** A page request against time indexes. */
export interface PageRequest {
  /** The index of the sort field and its window. */
  sort: IndexedFilter;
  /** An optional window on the other time field. */
  other?: IndexedFilter;
  /** Further conditions (status, card brand, deleted, ...). */
  accept?: (id: string) => boolean;
  order: 'ASC' | 'DESC';
  /** The last position already served (exclusive). */
  after?: SortPosition;
  limit: number;
}

/** The ids of one page, the position to continue after, and whether more rows match. */
export interface PageResult {
  ids: string[];
  last?: SortPosition;
  more: boolean;
}

const inWindow = (ms: number, w: TimeWindow): boolean => ms >= w.from && ms <= w.to;

/** Compares sort positions whose keys are times. */
const comparePositions = (a: SortPosition, b: SortPosition): number =>
  (a.key as number) - (b.key as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reads one page; see the file comment for the plan. */
export function selectPage(req: PageRequest): PageResult {
  const { sort, other } = req;
  const asc = req.order === 'ASC';
  let lo = sort.index.lowerBound(sort.window.from);
  let hi = sort.index.upperBound(sort.window.to);
  if (req.after) {
    const at = { ms: req.after.key as number, id: req.after.id };
    if (asc) lo = max(lo, sort.index.seek(at, true));
    else hi = min(hi, sort.index.seek(at));
  }
  const sortSpan = max(0, hi - lo);
  if (other) {
    const olo = other.index.lowerBound(other.window.from);
    const ohi = other.index.upperBound(other.window.to);
    if (ohi - olo < sortSpan) return viaOtherIndex(req, olo, ohi);
  }
  const ids: string[] = [];
  let last: SortPosition | undefined;
  const step = asc ? 1 : -1;
  for (let i = asc ? lo : hi - 1; asc ? i < hi : i >= lo; i += step) {
    const id = sort.index.idAt(i);
    if (other && !inWindow(other.msOf(id), other.window)) continue;
    if (req.accept && !req.accept(id)) continue;
    // One match beyond the page proves there is a next page; stop there.
    if (ids.length === req.limit) return { ids, last, more: true };
    ids.push(id);
    last = { key: sort.index.msAt(i), id };
  }
  return { ids, last, more: false };
}

/** The plan for a narrow secondary window: collect its rows, keep those in the sort window, sort them. */
function viaOtherIndex(req: PageRequest, olo: number, ohi: number): PageResult {
  const { sort, other } = req as Required<Pick<PageRequest, 'sort' | 'other'>> & PageRequest;
  const sign = req.order === 'ASC' ? 1 : -1;
  const candidates: SortPosition[] = [];
  for (let i = olo; i < ohi; i++) {
    const id = other.index.idAt(i);
    const key = sort.msOf(id);
    if (!inWindow(key, sort.window)) continue;
    const pos = { key, id };
    if (req.after && sign * comparePositions(pos, req.after) <= 0) continue;
    if (req.accept && !req.accept(id)) continue;
    candidates.push(pos);
  }
  candidates.sort((a, b) => sign * comparePositions(a, b));
  const page = candidates.slice(0, req.limit);
  return { ids: page.map((p) => p.id), last: page[page.length - 1], more: candidates.length > req.limit };
}
