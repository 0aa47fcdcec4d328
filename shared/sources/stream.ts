import type { TableDef } from '../warehouse/schema/define';
import type { TransportStats } from './transport';

/** The POS systems the product syncs. */
export type SourceName = 'square' | 'lightspeed';

/** Records updated in [from, to) are read. */
export interface ReadWindow {
  from: Date;
  to: Date;
}

/** One page of mapped rows, with the number of records that could not be mapped (logged and skipped). */
export interface StreamPage {
  rows: Array<Record<string, unknown>>;
  rejected: number;
}

/** One stream of one source, e.g. Square payments. */
export interface SyncStream {
  readonly name: string;
  readonly table: TableDef;
  /** A backfill of this stream may be split into time windows read in parallel. */
  readonly splittable: boolean;
  /**
   * Reference data (catalog, customers, locations) is backfilled from the beginning of time, not only for the
   * source's backfill window: an item last edited three years ago is still on sale.
   */
  readonly fullHistory: boolean;
  /** Pages of rows for records updated in the window, in the order the source returns them. */
  read(window: ReadWindow): AsyncIterable<StreamPage>;
}

/** A connection to a source for one run: its streams and the counters of the HTTP calls they made. */
export interface SourceSession {
  readonly source: SourceName;
  readonly streams: readonly SyncStream[];
  readonly stats: TransportStats;
}
