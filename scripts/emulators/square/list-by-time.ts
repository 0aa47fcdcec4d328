/**
 * GET /v2/payments and GET /v2/refunds share Square's listing contract: begin_time/end_time on created_at,
 * updated_at_begin_time/updated_at_end_time on updated_at, sort_field and sort_order, location_id, limit
 * (default and maximum 100; larger values are clamped) and an opaque cursor.
 */
import { min, parseDate } from './bound-globals';
import { decodeCursor, encodeCursor } from './cursor';
import type { EmulatorClock } from './emulator-clock';
import { selectPage, type IndexedFilter } from './page-query';
import { fingerprint, oneYearBefore, optionalTime, parseEnum, parseInteger } from './request-params';
import { badRequest, notFound } from './square-errors';
import type { TimeIndexes } from './square-store';

/** What differs between the payment and the refund listing. */
export interface TimeListing<T extends { created_at: string; updated_at: string }> {
  rows: ReadonlyMap<string, T>;
  indexes: TimeIndexes;
  locationIds: readonly string[];
  /** Index key used when location_id is absent: the main location for payments, all locations for refunds. */
  defaultLocation: string;
  /** Refunds document updated_at_end_time as defaulting to now; payments leave it open. */
  defaultUpdatedEndIsNow: boolean;
  /** Further filters of this listing (status, card brand, ...), with their values for the cursor fingerprint. */
  filters: (params: URLSearchParams) => { accept?: (row: T) => boolean; parts: Record<string, unknown> };
}

const MAX_LIMIT = 100;

/** Answers one page of a listing as `{ [key]: rows, cursor? }`, or `{}` when nothing matches, as Square does. */
export function listByTime<T extends { created_at: string; updated_at: string }>(
  listing: TimeListing<T>, params: URLSearchParams, clock: EmulatorClock, key: string,
): Record<string, unknown> {
  const locationId = params.get('location_id') || undefined;
  if (locationId && !listing.locationIds.includes(locationId)) throw notFound(`Location \`${locationId}\` not found.`, 'location_id');
  const sortField = parseEnum(params.get('sort_field'), ['CREATED_AT', 'UPDATED_AT', 'OFFLINE_CREATED_AT'] as const, 'CREATED_AT', 'sort_field');
  const order = parseEnum(params.get('sort_order'), ['ASC', 'DESC'] as const, 'DESC', 'sort_order', 'INVALID_SORT_ORDER');
  const limitParam = parseInteger(params.get('limit'), 'limit');
  if (limitParam !== undefined && limitParam < 1) throw badRequest('VALUE_TOO_LOW', '`limit` must be at least 1.', 'limit');
  const limit = min(limitParam ?? MAX_LIMIT, MAX_LIMIT);
  const begin = optionalTime(params.get('begin_time'), 'begin_time');
  const end = optionalTime(params.get('end_time'), 'end_time');
  const updatedBegin = optionalTime(params.get('updated_at_begin_time'), 'updated_at_begin_time');
  const updatedEnd = optionalTime(params.get('updated_at_end_time'), 'updated_at_end_time');
  const extra = listing.filters(params);
  const query = fingerprint({
    key, locationId, sortField, order, begin, end, updatedBegin, updatedEnd, ...extra.parts,
  });

  // Defaults that depend on "now" are resolved once, on the first page, and travel in the cursor.
  const cursorText = params.get('cursor');
  const state = cursorText ? decodeCursor(cursorText, query) : undefined;
  const current = clock.current();
  const frozen = state?.frozen ?? {
    begin: begin ?? oneYearBefore(current),
    end: end ?? current,
    updatedEnd: updatedEnd ?? (listing.defaultUpdatedEndIsNow ? current : Number.MAX_SAFE_INTEGER),
  };
  if (frozen.begin > frozen.end) throw badRequest('INVALID_TIME_RANGE', '`begin_time` must not be after `end_time`.', 'begin_time');
  if ((updatedBegin ?? 0) > frozen.updatedEnd) {
    throw badRequest('INVALID_TIME_RANGE', '`updated_at_begin_time` must not be after `updated_at_end_time`.', 'updated_at_begin_time');
  }

  const loc = locationId ?? listing.defaultLocation;
  const row = (id: string): T => listing.rows.get(id) as T;
  const created: IndexedFilter = {
    index: listing.indexes.created.get(loc)!, window: { from: frozen.begin, to: frozen.end }, msOf: (id) => parseDate(row(id).created_at),
  };
  const updatedFiltered = updatedBegin !== undefined || frozen.updatedEnd !== Number.MAX_SAFE_INTEGER;
  const updated: IndexedFilter = {
    index: listing.indexes.updated.get(loc)!, window: { from: updatedBegin ?? -Infinity, to: frozen.updatedEnd },
    msOf: (id) => parseDate(row(id).updated_at),
  };
  const byUpdated = sortField === 'UPDATED_AT';
  const accept = extra.accept;
  const page = selectPage({
    sort: byUpdated ? updated : created,
    // The created window always applies (begin_time defaults to a year ago); the updated one only when asked.
    other: byUpdated ? created : updatedFiltered ? updated : undefined,
    accept: accept && ((id) => accept(row(id))),
    order,
    after: state?.after,
    limit,
  });
  if (page.ids.length === 0) return {};
  const out: Record<string, unknown> = { [key]: page.ids.map(row) };
  if (page.more && page.last) out.cursor = encodeCursor({ query, after: page.last, frozen });
  return out;
}
