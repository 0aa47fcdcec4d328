import type { TableDef } from './schema/define';

type Row = Record<string, unknown>;

/** The primary-key string of a row. */
export function rowKey(table: TableDef, row: Row): string {
  return table.primaryKey.map((k) => String(row[k])).join('\u0000');
}

/**
 * One row per primary key, keeping the newest version (the last given on a tie). A batch holding the same record
 * twice (a page repeated by a retry) must merge as one, and both warehouses reject updating a row twice in one merge.
 */
export function dedupeByKey(table: TableDef, rows: readonly Row[]): Row[] {
  const kept = new Map<string, Row>();
  for (const row of rows) {
    const key = rowKey(table, row);
    const existing = kept.get(key);
    if (!existing || !table.version || versionOf(table, row) >= versionOf(table, existing)) kept.set(key, row);
  }
  return [...kept.values()];
}

function versionOf(table: TableDef, row: Row): number | string {
  const value = row[table.version as string];
  if (table.columns[table.version as string].type === 'TIMESTAMP') return Date.parse(String(value));
  return typeof value === 'number' ? value : String(value);
}
