import type { Logger } from '../../log';
import { lightspeedProducts, lightspeedTransactions } from '../../warehouse/schema/lightspeed';
import { mapPage } from '../record-pages';
import { type ReadWindow, defineStream } from '../stream';
import type { LightspeedClient } from './client';
import { lightspeedItemToRow, lightspeedSaleToRow } from './rows';

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

const lightspeedStream = defineStream<LightspeedStreamDeps>();

/** The Lightspeed streams, in the order a source-level sync runs them: sales, and items with their stock, web description and category name. */
export const LIGHTSPEED_STREAMS = [
  lightspeedStream({
    name: 'sales',
    table: lightspeedTransactions,
    splittable: true,
    fullHistory: false,
    async *read({ client, log }, window) {
      const query = changedIn(window);
      if (!query) return;
      for await (const records of client.pages('Sale', query)) yield mapPage(records, lightspeedSaleToRow, log, 'sales');
    },
  }),
  lightspeedStream({
    name: 'items',
    table: lightspeedProducts,
    splittable: false,
    // An item last edited years ago may still be on the shelf.
    fullHistory: true,
    async *read({ client, log }, window) {
      const query = changedIn(window, { load_relations: JSON.stringify(['ItemShops', 'ItemECommerce']) });
      if (!query) return;
      const categories = await categoryNames(client);
      for await (const records of client.pages('Item', query)) {
        yield mapPage(records, (item) => lightspeedItemToRow(item, categories), log, 'items');
      }
    },
  }),
];

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
