import type { ColumnType, TableDef } from './define';

const duckdbTypes: Record<ColumnType, string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMPTZ',
  DATE: 'DATE',
  JSON: 'JSON',
};

/** The DuckDB type of a column type. */
export const duckdbType = (type: ColumnType): string => duckdbTypes[type];

/** CREATE TABLE for DuckDB: the dataset is a schema; the primary key backs ON CONFLICT upserts. */
export function duckdbCreateTable(table: TableDef): string {
  const columns = Object.entries(table.columns).map(
    ([name, spec]) => `  ${name} ${duckdbTypes[spec.type]}${spec.required ? ' NOT NULL' : ''}`,
  );
  columns.push(`  PRIMARY KEY (${table.primaryKey.join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${table.id} (\n${columns.join(',\n')}\n)`;
}

/** A BigQuery schema field as the tables API and Terraform's `schema` attribute take it. */
export interface BigQueryField {
  name: string;
  type: string;
  mode: 'REQUIRED' | 'NULLABLE';
  description: string;
}

/** The BigQuery JSON schema of a table. */
export function bigquerySchema(table: TableDef): BigQueryField[] {
  return Object.entries(table.columns).map(([name, spec]) => ({
    name,
    type: spec.type === 'BOOL' ? 'BOOLEAN' : spec.type === 'INT64' ? 'INTEGER' : spec.type === 'FLOAT64' ? 'FLOAT' : spec.type,
    mode: spec.required ? 'REQUIRED' : 'NULLABLE',
    description: spec.description,
  }));
}
