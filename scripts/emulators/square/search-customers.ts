/**
 * POST /v2/customers/search with created_at and updated_at filters (inclusive time ranges) and Square's two
 * sort orders: DEFAULT (given name, then family name) and CREATED_AT, ascending unless told otherwise.
 */
import { parseDate } from './bound-globals';
import { decodeCursor, encodeCursor, type SortPosition } from './cursor';
import { selectPage, type IndexedFilter, type TimeWindow } from './page-query';
import { fingerprint, optionalTime, parseBoolean, parseEnum, parseInteger, parseObject } from './request-params';
import { badRequest } from './square-errors';
import type { SquareStore } from './square-store';
import type { SquareCustomer } from './wire-types';

const MAX_LIMIT = 100;
const SUPPORTED_FILTERS = new Set(['created_at', 'updated_at']);

function parseRange(value: unknown, field: string): TimeWindow | undefined {
  const range = parseObject(value, field);
  if (!range) return undefined;
  return {
    from: optionalTime(range.start_at, `${field}.start_at`) ?? -Infinity,
    to: optionalTime(range.end_at, `${field}.end_at`) ?? Infinity,
  };
}

/** DEFAULT order: given name, then family name, then id so that equal names still page deterministically. */
const nameKey = (c: SquareCustomer): string => `${c.given_name}\u0000${c.family_name}`;

function compareByName(a: SortPosition, b: SortPosition): number {
  const ka = a.key as string, kb = b.key as string;
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Answers SearchCustomers. */
export function searchCustomers(store: SquareStore, body: Record<string, unknown>): Record<string, unknown> {
  const limit = parseInteger(body.limit, 'limit') ?? MAX_LIMIT;
  if (limit < 1) throw badRequest('VALUE_TOO_LOW', '`limit` must be at least 1.', 'limit');
  if (limit > MAX_LIMIT) throw badRequest('VALUE_TOO_HIGH', `\`limit\` must be at most ${MAX_LIMIT}.`, 'limit');
  const count = parseBoolean(body.count, 'count');
  const q = parseObject(body.query, 'query') ?? {};
  const filter = parseObject(q.filter, 'query.filter') ?? {};
  for (const k of Object.keys(filter)) {
    if (!SUPPORTED_FILTERS.has(k)) {
      throw badRequest('BAD_REQUEST', `The Square emulator does not implement the \`${k}\` customer filter.`, `query.filter.${k}`);
    }
  }
  const created = parseRange(filter.created_at, 'query.filter.created_at');
  const updated = parseRange(filter.updated_at, 'query.filter.updated_at');
  const sort = parseObject(q.sort, 'query.sort') ?? {};
  const field = parseEnum(sort.field, ['DEFAULT', 'CREATED_AT'] as const, 'DEFAULT', 'query.sort.field');
  const order = parseEnum(sort.order, ['ASC', 'DESC'] as const, 'ASC', 'query.sort.order', 'INVALID_SORT_ORDER');
  const query = fingerprint({ created, updated, field, order });
  const state = typeof body.cursor === 'string' && body.cursor ? decodeCursor(body.cursor, query) : undefined;

  const byId = (id: string): SquareCustomer => store.customers.get(id) as SquareCustomer;
  const createdFilter: IndexedFilter = {
    index: store.customerIndexes.created, window: created ?? { from: -Infinity, to: Infinity }, msOf: (id) => parseDate(byId(id).created_at),
  };
  const updatedFilter: IndexedFilter | undefined = updated && {
    index: store.customerIndexes.updated, window: updated, msOf: (id) => parseDate(byId(id).updated_at),
  };

  let ids: string[];
  let last: SortPosition | undefined;
  let more: boolean;
  if (field === 'CREATED_AT') {
    ({ ids, last, more } = selectPage({ sort: createdFilter, other: updatedFilter, order, after: state?.after, limit }));
  } else {
    // Names have no index; a shop has thousands of customers, not millions, so filter and sort them here.
    const sign = order === 'ASC' ? 1 : -1;
    const matches: SortPosition[] = [];
    for (const c of store.customers.values()) {
      const cm = parseDate(c.created_at), um = parseDate(c.updated_at);
      if (cm < createdFilter.window.from || cm > createdFilter.window.to) continue;
      if (updated && (um < updated.from || um > updated.to)) continue;
      const pos = { key: nameKey(c), id: c.id };
      if (state && sign * compareByName(pos, state.after) <= 0) continue;
      matches.push(pos);
    }
    matches.sort((a, b) => sign * compareByName(a, b));
    const page = matches.slice(0, limit);
    ids = page.map((p) => p.id);
    last = page[page.length - 1];
    more = matches.length > limit;
  }
  const out: Record<string, unknown> = {};
  if (ids.length) out.customers = ids.map(byId);
  if (more && last) out.cursor = encodeCursor({ query, after: last, frozen: {} });
  if (count) out.count = countMatches(store, createdFilter.window, updated);
  return out;
}

function countMatches(store: SquareStore, created: TimeWindow, updated: TimeWindow | undefined): number {
  let n = 0;
  for (const c of store.customers.values()) {
    const cm = parseDate(c.created_at), um = parseDate(c.updated_at);
    if (cm >= created.from && cm <= created.to && (!updated || (um >= updated.from && um <= updated.to))) n++;
  }
  return n;
}
