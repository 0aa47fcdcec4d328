import type { Logger } from '../../log';
import { lightspeedProducts, lightspeedTransactions } from '../../warehouse/schema/lightspeed';
import type { ReadWindow, StreamPage, SyncStream } from '../stream';
import type { LightspeedClient } from './client';
import { type LightspeedRecord, MalformedRecordError, lightspeedItemToRow, lightspeedSaleToRow } from './rows';

/** The names of the Lightspeed streams, in the order a source-level sync runs them. */
export const LIGHTSPEED_STREAMS = ['sales', 'items'] as const;

/** Lightspeed's page size cap. */
const PAGE_SIZE = '100';

/** A time as a Lightspeed filter operand: UTC, whole seconds, the offset spelled as Lightspeed's examples do. */
export function lightspeedFilterTime(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}-00:00`;
}

/**
 * The timeStamp filter for records changed in [from, to). Lightspeed stamps whole seconds and its between operator
 * (`><`) includes both ends, so the window becomes [floor(from), ceil(to) − 1] in seconds: a record changed in the
 * second the watermark falls in is read (again) rather than missed, and the upsert makes the repeat harmless. Null
 * when the window holds no whole second.
 */
export function timeStampFilter(window: ReadWindow): string | null {
  const first = Math.floor(window.from.getTime() / 1000);
  const last = Math.ceil(window.to.getTime() / 1000) - 1;
  if (last < first) return null;
  return `><,${lightspeedFilterTime(first)},${lightspeedFilterTime(last)}`;
}

/** Maps a page of records, counting and logging (by id only) the ones that cannot be mapped. */
function mapPage(records: readonly LightspeedRecord[], map: (r: LightspeedRecord) => Record<string, unknown>, log: Logger, stream: string): StreamPage {
  const rows: Array<Record<string, unknown>> = [];
  let rejected = 0;
  for (const record of records) {
    try {
      rows.push(map(record));
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      rejected++;
      log.warn('malformed record skipped', { stream, recordId: error.recordId, reason: error.message });
    }
  }
  return { rows, rejected };
}

/** The query of an incremental listing: oldest change first, archived records included. */
function changedIn(window: ReadWindow, extra: Record<string, string> = {}): Record<string, string> | null {
  const timeStamp = timeStampFilter(window);
  if (!timeStamp) return null;
  return { sort: 'timeStamp', limit: PAGE_SIZE, archived: 'true', timeStamp, ...extra };
}

/** What the Lightspeed streams read with and log to. */
export interface LightspeedStreamDeps {
  client: LightspeedClient;
  log: Logger;
}

/** The Lightspeed streams: sales, and items with their stock, web description and category name. */
export function lightspeedStreams(deps: LightspeedStreamDeps): SyncStream[] {
  const { client, log } = deps;
  return [
    {
      name: 'sales',
      table: lightspeedTransactions as never,
      splittable: true,
      fullHistory: false,
      async *read(window) {
        const query = changedIn(window);
        if (!query) return;
        for await (const records of client.pages('Sale', query)) yield mapPage(records, lightspeedSaleToRow, log, 'sales');
      },
    },
    {
      name: 'items',
      table: lightspeedProducts as never,
      splittable: false,
      // An item last edited years ago may still be on the shelf.
      fullHistory: true,
      async *read(window) {
        const query = changedIn(window, { load_relations: JSON.stringify(['ItemShops', 'ItemECommerce']) });
        if (!query) return;
        const categories = await categoryNames(client);
        for await (const records of client.pages('Item', query)) {
          yield mapPage(records, (item) => lightspeedItemToRow(item, categories), log, 'items');
        }
      },
    },
  ];
}

/** Every category's name by id (a few dozen; read whole each run so renamed categories show). */
export async function categoryNames(client: LightspeedClient): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for await (const records of client.pages('Category', { limit: PAGE_SIZE })) {
    for (const category of records) {
      if (typeof category.categoryID === 'string' && typeof category.name === 'string') names.set(category.categoryID, category.name);
    }
  }
  return names;
}
