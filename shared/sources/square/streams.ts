import type { Square, SquareClient } from 'square';
import type { Logger } from '../../log';
import type { KeyRing } from '../../privacy/keys';
import { squareCustomers, squareItems, squareLocations, squarePayments, squareRefunds } from '../../warehouse/schema/square';
import type { ReadWindow, StreamPage, SyncStream } from '../stream';
import {
  MalformedRecordError,
  squareCustomerToRow,
  squareCatalogToRows,
  squareLocationToRow,
  squarePaymentToRow,
  squareRefundToRow,
} from './rows';

export interface SquareStreamDeps {
  client: SquareClient;
  log: Logger;
  now: () => Date;
  privacyKeys: () => Promise<{ pepper: string; ring: KeyRing }>;
}

/** Maps a page of records, counting and logging (by id only) the ones that cannot be mapped. */
function mapPage<T>(records: readonly T[], map: (r: T) => Record<string, unknown> | Array<Record<string, unknown>>, log: Logger, stream: string): StreamPage {
  const rows: Array<Record<string, unknown>> = [];
  let rejected = 0;
  for (const record of records) {
    try {
      const mapped = map(record);
      if (Array.isArray(mapped)) rows.push(...mapped);
      else rows.push(mapped);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      rejected++;
      log.warn('malformed record skipped', { stream, recordId: error.recordId, reason: error.message });
    }
  }
  return { rows, rejected };
}

/** Walks an SDK pager page by page. */
async function* pages<T>(first: Promise<{ data: T[]; hasNextPage(): boolean; getNextPage(): Promise<unknown> }>): AsyncGenerator<T[]> {
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

/** The names of the Square streams, in the order a source-level sync runs them. */
export const SQUARE_STREAMS = ['locations', 'payments', 'refunds', 'items', 'customers'] as const;

/** The Square streams: locations, payments and refunds of every location, catalog items, customers. */
export function squareStreams(deps: SquareStreamDeps): SyncStream[] {
  const { client, log } = deps;
  const timeRange = (w: ReadWindow) => ({
    // Square defaults begin_time (on created_at) to one year ago; a late change to an older sale must still be seen.
    beginTime: SINCE_THE_BEGINNING,
    updatedAtBeginTime: w.from.toISOString(),
    updatedAtEndTime: w.to.toISOString(),
    sortField: 'UPDATED_AT' as const,
    sortOrder: 'ASC',
    limit: 100,
  });

  return [
    {
      name: 'locations',
      fullHistory: true,
      table: squareLocations as never,
      splittable: false,
      async *read() {
        const { locations = [] } = await client.locations.list();
        const syncedAt = deps.now();
        yield mapPage(locations, (l) => squareLocationToRow(l, syncedAt), log, 'locations');
      },
    },
    {
      name: 'payments',
      fullHistory: false,
      table: squarePayments as never,
      splittable: true,
      async *read(window) {
        // Without location_id Square lists only the main location's payments.
        for (const locationId of await locationIds(client)) {
          for await (const data of pages(client.payments.list({ ...timeRange(window), locationId }))) {
            yield mapPage(data, squarePaymentToRow, log, 'payments');
          }
        }
      },
    },
    {
      name: 'refunds',
      fullHistory: false,
      table: squareRefunds as never,
      splittable: true,
      async *read(window) {
        for (const locationId of await locationIds(client)) {
          for await (const data of pages(client.refunds.list({ ...timeRange(window), locationId }))) {
            yield mapPage(data, squareRefundToRow, log, 'refunds');
          }
        }
      },
    },
    {
      name: 'items',
      fullHistory: true,
      table: squareItems as never,
      splittable: false,
      async *read(window) {
        const categories = await categoryNames(client);
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
          for (const error of malformed) log.warn('malformed record skipped', { stream: 'items', recordId: error.recordId, reason: error.message });
          yield { rows, rejected: malformed.length };
          cursor = response.cursor || undefined;
        } while (cursor);
      },
    },
    {
      name: 'customers',
      fullHistory: true,
      table: squareCustomers as never,
      splittable: true,
      async *read(window) {
        const keys = await deps.privacyKeys();
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
    },
  ];
}

/** Every category's name by id (deleted ones included, so old items keep their category). */
async function categoryNames(client: SquareClient): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const response = await client.catalog.search({ objectTypes: ['CATEGORY'], includeDeletedObjects: true, limit: 1000, cursor });
    for (const o of response.objects ?? []) {
      if (o.type === 'CATEGORY' && o.id && o.categoryData?.name) names.set(o.id, o.categoryData.name);
    }
    cursor = response.cursor || undefined;
  } while (cursor);
  return names;
}
