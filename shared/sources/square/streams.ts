import type { Square, SquareClient } from 'square';
import type { Logger } from '../../log';
import type { KeyRing } from '../../privacy/keys';
import { squareCustomers, squareItems, squareLocations, squarePayments, squareRefunds } from '../../warehouse/schema/square';
import { logMalformed, mapPage } from '../record-pages';
import { type ReadWindow, defineStream } from '../stream';
import { squareCatalogToRows, squareCustomerToRow, squareLocationToRow, squarePaymentToRow, squareRefundToRow } from './rows';

/** What the Square streams read with. */
export interface SquareStreamDeps {
  client: SquareClient;
  log: Logger;
  now: () => Date;
  privacyKeys: () => Promise<{ pepper: string; ring: KeyRing }>;
}

/** The first page of an SDK listing, which knows how to fetch the next. */
type Pager<T> = Promise<{ data: T[]; hasNextPage(): boolean; getNextPage(): Promise<unknown> }>;

/** Walks an SDK pager page by page. */
async function* pages<T>(first: Pager<T>): AsyncGenerator<T[]> {
  let page = await first;
  for (;;) {
    yield page.data;
    if (!page.hasNextPage()) return;
    page = (await page.getNextPage()) as typeof page;
  }
}

async function locationIds(client: SquareClient): Promise<string[]> {
  const { locations = [] } = await client.locations.list();
  return locations.map((l) => l.id).filter((id): id is string => Boolean(id));
}

/** A created_at lower bound older than any Square account. */
const SINCE_THE_BEGINNING = '2000-01-01T00:00:00Z';

const timeRange = (w: ReadWindow) => ({
  // Square defaults begin_time (on created_at) to one year ago; a late change to an older sale must still be seen.
  beginTime: SINCE_THE_BEGINNING,
  updatedAtBeginTime: w.from.toISOString(),
  updatedAtEndTime: w.to.toISOString(),
  sortField: 'UPDATED_AT' as const,
  sortOrder: 'ASC',
  limit: 100,
});

/**
 * Pages of records changed in the window, listed location by location (without location_id Square lists only the
 * main location's) and mapped to rows.
 */
async function* byLocation<T, Row>(
  { client, log }: SquareStreamDeps,
  window: ReadWindow,
  stream: string,
  list: (query: ReturnType<typeof timeRange> & { locationId: string }) => Pager<T>,
  map: (record: T) => Row,
) {
  for (const locationId of await locationIds(client)) {
    for await (const data of pages(list({ ...timeRange(window), locationId }))) yield mapPage(data, map, log, stream);
  }
}

const squareStream = defineStream<SquareStreamDeps>();

/** The Square streams, in the order a source-level sync runs them: locations, payments and refunds of every location, catalog items, customers. */
export const SQUARE_STREAMS = [
  squareStream({
    name: 'locations',
    fullHistory: true,
    table: squareLocations,
    splittable: false,
    async *read({ client, log, now }) {
      const { locations = [] } = await client.locations.list();
      const syncedAt = now();
      yield mapPage(locations, (l) => squareLocationToRow(l, syncedAt), log, 'locations');
    },
  }),
  squareStream({
    name: 'payments',
    fullHistory: false,
    table: squarePayments,
    splittable: true,
    read: (deps, window) => byLocation(deps, window, 'payments', (query) => deps.client.payments.list(query), squarePaymentToRow),
  }),
  squareStream({
    name: 'refunds',
    fullHistory: false,
    table: squareRefunds,
    splittable: true,
    read: (deps, window) => byLocation(deps, window, 'refunds', (query) => deps.client.refunds.list(query), squareRefundToRow),
  }),
  squareStream({
    name: 'items',
    fullHistory: true,
    table: squareItems,
    splittable: false,
    async *read({ client, log }, window) {
      const categories = await categoryNames(client, true);
      let cursor: string | undefined;
      do {
        const response = await client.catalog.search({
          // Variations on their own too: Square drops a deleted variation from its item's list.
          objectTypes: ['ITEM', 'ITEM_VARIATION'],
          includeDeletedObjects: true,
          includeRelatedObjects: true,
          // begin_time is exclusive; a millisecond earlier keeps objects updated exactly at `from`.
          beginTime: new Date(window.from.getTime() - 1).toISOString(),
          limit: 1000,
          cursor,
        });
        const { rows, malformed } = squareCatalogToRows(response.objects ?? [], response.relatedObjects ?? [], categories);
        for (const error of malformed) logMalformed(log, 'items', error);
        yield { rows, rejected: malformed.length };
        cursor = response.cursor || undefined;
      } while (cursor);
    },
  }),
  squareStream({
    name: 'customers',
    fullHistory: true,
    table: squareCustomers,
    splittable: true,
    async *read({ client, log, privacyKeys }, window) {
      const keys = await privacyKeys();
      let cursor: string | undefined;
      do {
        const response = await client.customers.search({
          limit: 100n,
          cursor,
          query: {
            filter: { updatedAt: { startAt: window.from.toISOString(), endAt: window.to.toISOString() } },
            sort: { field: 'CREATED_AT', order: 'ASC' },
          },
        });
        yield mapPage(response.customers ?? [], (c: Square.Customer) => squareCustomerToRow(c, keys), log, 'customers');
        cursor = response.cursor || undefined;
      } while (cursor);
    },
  }),
];

/** Every page of a catalog search of some object types. */
export async function searchCatalog(client: SquareClient, objectTypes: Square.CatalogObjectType[], includeDeleted: boolean): Promise<Square.CatalogObject[]> {
  const objects: Square.CatalogObject[] = [];
  let cursor: string | undefined;
  do {
    const response = await client.catalog.search({ objectTypes, includeDeletedObjects: includeDeleted, limit: 1000, cursor });
    objects.push(...(response.objects ?? []));
    cursor = response.cursor || undefined;
  } while (cursor);
  return objects;
}

/** Every category's name by id (the sync includes deleted ones, so old items keep their category). */
export async function categoryNames(client: SquareClient, includeDeleted: boolean): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const o of await searchCatalog(client, ['CATEGORY'], includeDeleted)) {
    if (o.type === 'CATEGORY' && o.id && o.categoryData?.name) names.set(o.id, o.categoryData.name);
  }
  return names;
}
