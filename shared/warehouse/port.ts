import type { Dialect } from './dialect';
import type { ColumnSpec, TableDef } from './schema/define';

/** A query parameter value. Integers are INT64, other numbers FLOAT64, Dates TIMESTAMP; say otherwise in `types`. */
export type ParamValue = string | number | boolean | Date | null | string[] | number[];
export type ParamType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'TIMESTAMP' | 'DATE' | 'ARRAY<STRING>' | 'ARRAY<INT64>';

/** A query written once: a function of the dialect. */
export type Sql = (d: Dialect) => string;

export interface QueryOptions {
  params?: Record<string, ParamValue>;
  /** Needed for null parameters and for DATE parameters given as text. */
  types?: Record<string, ParamType>;
  /** Told what the query cost once it has run (see QueryCost). */
  onCost?: (cost: QueryCost) => void;
}

/**
 * What a query cost the warehouse. BigQuery reports the bytes it processed (what on-demand pricing bills); DuckDB
 * reads local files for free, so it reports the rows its table scans produced, the equivalent that grows the same way.
 */
export interface QueryCost {
  backend: 'bigquery' | 'duckdb';
  /** BigQuery's totalBytesProcessed; null on DuckDB. */
  bytesProcessed: number | null;
  /** Rows read by the query's table scans (DuckDB's profiler); null on BigQuery, which does not say. */
  rowsScanned: number | null;
  ms: number;
}

/**
 * Statements that run with a write, in the same unit: the same DuckDB transaction, the same BigQuery script and
 * transaction as the MERGE. Either all of them and the write take effect, or none. `staged` is the relation that holds
 * the rows being written (columns of the target table), readable by every statement.
 */
export interface WriteCompanion {
  /** Run before the rows are merged (to see the rows' previous versions). */
  before(d: Dialect, staged: string): string[];
  /** Run after the rows are merged. */
  after(d: Dialect, staged: string): string[];
  params: Record<string, ParamValue>;
  types?: Record<string, ParamType>;
}

/**
 * The warehouse port. Rows come back as plain JSON values: INT64 as number, TIMESTAMP as an ISO-8601 UTC string,
 * DATE as YYYY-MM-DD, whichever adapter answers.
 */
export interface Warehouse {
  readonly backend: 'bigquery' | 'duckdb';
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(sql: Sql, options?: QueryOptions): Promise<T[]>;
  /**
   * Merges rows by primary key; the newest version column wins, so writing the same rows twice leaves one row each
   * and an older copy never overwrites a newer one. Returns how many rows were given after de-duplication.
   */
  upsert<C extends Record<string, ColumnSpec>>(
    table: TableDef<C>,
    rows: ReadonlyArray<TableDef<C>['row']>,
    options?: { companion?: WriteCompanion },
  ): Promise<{ rows: number }>;
  /** Runs statements as one unit (a DuckDB transaction; a BigQuery script in a transaction): all take effect or none. */
  transaction(statements: Sql[], options?: Pick<QueryOptions, 'params' | 'types'>): Promise<void>;
  /** Appends ledger rows; a row whose primary key already exists is skipped, so a retried append adds nothing. */
  append<C extends Record<string, ColumnSpec>>(table: TableDef<C>, rows: ReadonlyArray<TableDef<C>['row']>): Promise<{ inserted: number }>;
  /** Creates (DuckDB) or checks (BigQuery, provisioned by Terraform) every dataset, table and view. */
  ensureSchema(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
