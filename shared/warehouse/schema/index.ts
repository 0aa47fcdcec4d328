import type { TableDef, ViewDef } from './define';
import { syncRuns, syncState } from './ops';

/** Every table and view, in creation order. Terraform's schemas and the DuckDB DDL are generated from this list. */
export const TABLES: TableDef[] = [syncRuns, syncState] as unknown as TableDef[];
export const VIEWS: ViewDef[] = [];
