import type { Dialect } from '../dialect';

/** The datasets: synced POS data, ledgers and the views over them; operational records. */
export type Dataset = 'commerce' | 'ops';

/** Column types, named as BigQuery names them. */
export type ColumnType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'TIMESTAMP' | 'DATE' | 'JSON';

export interface ColumnSpec {
  type: ColumnType;
  /** REQUIRED columns are NOT NULL. */
  required?: boolean;
  description: string;
}

type TsOf<T extends ColumnType> = T extends 'INT64' | 'FLOAT64'
  ? number
  : T extends 'BOOL'
    ? boolean
    : T extends 'JSON'
      ? unknown
      : string; // STRING; TIMESTAMP as an ISO-8601 UTC string; DATE as YYYY-MM-DD

/** The row type of a table, derived from its columns. */
export type RowOf<C extends Record<string, ColumnSpec>> = {
  -readonly [K in keyof C]: C[K]['required'] extends true ? TsOf<C[K]['type']> : TsOf<C[K]['type']> | null;
};

export interface TableSpec<C extends Record<string, ColumnSpec>> {
  dataset: Dataset;
  name: string;
  description: string;
  columns: C;
  /** Upserts and appends are keyed on these columns. */
  primaryKey: Array<keyof C & string>;
  /** For upserted tables: the version column; the newest value wins. Ledgers have none (append-only). */
  version?: keyof C & string;
  /** DAY partitioning column (a TIMESTAMP or DATE): the event time. */
  partitionBy: keyof C & string;
  clusterBy: Array<keyof C & string>;
  /**
   * Ids the table had before it moved or was renamed (`dataset.name`). The embedded warehouse moves the rows of a
   * table it finds under one of them when it opens a file; BigQuery tables are provisioned by Terraform.
   */
  formerly?: readonly string[];
}

/** A table definition: the single source of its row type, DuckDB DDL and BigQuery schema. */
export interface TableDef<C extends Record<string, ColumnSpec> = Record<string, ColumnSpec>> extends TableSpec<C> {
  readonly kind: 'table';
  readonly id: `${Dataset}.${string}`;
  /** Phantom field carrying the row type: `typeof table.row`. */
  readonly row: RowOf<C>;
}

/** Defines a table, checking that its keys and partition name real columns. */
export function defineTable<const C extends Record<string, ColumnSpec>>(spec: TableSpec<C>): TableDef<C> {
  const names = Object.keys(spec.columns);
  for (const col of [...spec.primaryKey, spec.partitionBy, ...spec.clusterBy, ...(spec.version ? [spec.version] : [])]) {
    if (!names.includes(col)) throw new Error(`${spec.dataset}.${spec.name}: unknown column ${col}`);
  }
  const partitionType = spec.columns[spec.partitionBy].type;
  if (partitionType !== 'TIMESTAMP' && partitionType !== 'DATE') {
    throw new Error(`${spec.dataset}.${spec.name}: partition column must be TIMESTAMP or DATE`);
  }
  if (spec.clusterBy.length > 4) throw new Error(`${spec.dataset}.${spec.name}: BigQuery clusters on at most 4 columns`);
  return { ...spec, kind: 'table', id: `${spec.dataset}.${spec.name}`, row: undefined as unknown as RowOf<C> };
}

/** A view: one query written once and rendered per dialect. */
export interface ViewDef {
  readonly kind: 'view';
  readonly id: `${Dataset}.${string}`;
  dataset: Dataset;
  name: string;
  description: string;
  /** Tables and views it reads, so they are created first. */
  dependsOn: string[];
  sql(d: Dialect): string;
}

/** Defines a view. */
export function defineView(spec: Omit<ViewDef, 'kind' | 'id'>): ViewDef {
  return { ...spec, kind: 'view', id: `${spec.dataset}.${spec.name}` };
}

/** Any table definition, whatever its columns: what a function's access names when it writes the table. */
export type TableRef = Pick<TableDef, 'kind' | 'id' | 'dataset' | 'name'>;
