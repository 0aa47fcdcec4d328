import type { ColumnSpec, RowOf, TableDef } from '../warehouse/schema/define';
import type { TransportStats } from './transport';

/** The columns of a table: what a stream's rows are typed by. */
export type Columns = Record<string, ColumnSpec>;

/** Records updated in [from, to) are read. */
export interface ReadWindow {
  from: Date;
  to: Date;
}

/** One page of mapped rows, with the number of records that could not be mapped (logged and skipped). */
export interface StreamPage<Row = Record<string, unknown>> {
  rows: Row[];
  rejected: number;
}

/** What is known of a stream without connecting: its name, its table and how it is backfilled. */
export interface StreamShape<C extends Columns = Columns> {
  readonly name: string;
  readonly table: TableDef<C>;
  /** A backfill of this stream may be split into time windows read in parallel. */
  readonly splittable: boolean;
  /**
   * Reference data (catalog, customers, locations) is backfilled from the beginning of time, not only for the
   * source's backfill window: an item last edited three years ago is still on sale.
   */
  readonly fullHistory: boolean;
}

/**
 * A stream as a connector declares it: its shape, and how it reads pages of its table's rows with a session's
 * dependencies (a client, a logger). The row type is the table's, so a mapper that drifts from the table fails to
 * typecheck.
 */
export interface StreamSpec<Deps, C extends Columns = Columns> extends StreamShape<C> {
  read(deps: Deps, window: ReadWindow): AsyncIterable<StreamPage<RowOf<C>>>;
}

/** One stream of one source bound to an open session, e.g. Square payments. */
export interface SyncStream<C extends Columns = Columns> extends StreamShape<C> {
  /** Pages of rows for records updated in the window, in the order the source returns them. */
  read(window: ReadWindow): AsyncIterable<StreamPage<RowOf<C>>>;
}

/** Declares a stream of a connector whose sessions provide `Deps` (the row type is inferred from the table). */
export function defineStream<Deps>() {
  return <C extends Columns>(spec: StreamSpec<Deps, C>): StreamSpec<Deps, C> => spec;
}

/** Binds one stream to a session's dependencies, keeping its row type. */
function bindStream<Deps, C extends Columns>(spec: StreamSpec<Deps, C>, deps: Deps): SyncStream<C> {
  const { name, table, splittable, fullHistory } = spec;
  return { name, table, splittable, fullHistory, read: (window) => spec.read(deps, window) };
}

/** A connector's streams bound to one session's dependencies. */
export function bindStreams<Deps>(specs: ReadonlyArray<StreamSpec<Deps>>, deps: Deps): SyncStream[] {
  return specs.map((spec) => bindStream(spec, deps));
}

/** A connection to a source for one run: its streams and the counters of the HTTP calls they made. */
export interface SourceSession {
  readonly source: string;
  readonly streams: readonly SyncStream[];
  readonly stats: TransportStats;
}
