import { CONNECTORS } from '../sources/registry';
import type { Warehouse, WriteCompanion } from '../warehouse/port';
import type { ColumnSpec, TableDef } from '../warehouse/schema/define';
import { createTouched, noteTouched, recomputeCustomers, recomputeDays } from './statements';

/** What a writer of POS rows needs: the warehouse, the business time zone and the time. */
export interface RollupContext {
  warehouse: Warehouse;
  /** BUSINESS_TIMEZONE: the zone whose calendar dates the rollup's days are. */
  timeZone: string;
  now: Date;
}

/** Which source a table's rows are sales or refunds of, as the connectors' queries say. */
function feeds(table: TableDef): { source: string; views: Array<'sales' | 'refunds'> } | null {
  for (const connector of CONNECTORS) {
    const views: Array<'sales' | 'refunds'> = [];
    if (connector.salesQuery.reads.some((t) => t.id === table.id)) views.push('sales');
    if (connector.refundsQuery?.reads.some((t) => t.id === table.id)) views.push('refunds');
    if (views.length > 0) {
      // The views' `id` is the table's key: that is how the rows just written are found in them.
      if (table.primaryKey.length !== 1 || table.primaryKey[0] !== 'id') throw new Error(`${table.id} feeds ${views.join(' and ')} but is not keyed by id`);
      return { source: connector.name, views };
    }
  }
  return null;
}

/**
 * The statements that keep the rollups equal to the rows when `table` is written: note the buckets and customers
 * of the rows' previous versions, let the write happen, note those of the new versions, recompute exactly those.
 * Null for a table that is no source of sales (catalog, customers, locations).
 */
export function rollupCompanion(table: TableDef, timeZone: string, now: Date): WriteCompanion | null {
  const fed = feeds(table);
  if (!fed) return null;
  const note = (d: Parameters<WriteCompanion['before']>[0], staged: string) => fed.views.flatMap((view) => noteTouched(d, view, fed.source, staged));
  return {
    before: (d, staged) => [...createTouched(d), ...note(d, staged)],
    after: (d, staged) => [...note(d, staged), ...recomputeDays(d), ...recomputeCustomers(d)],
    params: { rollupTz: timeZone, rolledAt: now },
  };
}

/**
 * THE way to write rows of a POS source's tables (payments, refunds, sales, and anything else a connector syncs):
 * upserts them and, in the same transaction (DuckDB) or script (BigQuery), recomputes the daily_sales buckets and
 * customer_sales rows they touched, so the rollups the dashboard reads are never ahead of or behind the rows. The
 * sync's batches call it; so must any other writer (a webhook processor applying one payment), with whatever rows it
 * has: one row or thousands, any table of any connector. Tables that feed no sales are simply upserted.
 */
export async function writeSourceRows<C extends Record<string, ColumnSpec>>(
  ctx: RollupContext,
  table: TableDef<C>,
  rows: ReadonlyArray<TableDef<C>['row']>,
): Promise<{ rows: number }> {
  const companion = rollupCompanion(table, ctx.timeZone, ctx.now);
  return ctx.warehouse.upsert(table, rows, companion ? { companion } : {});
}

