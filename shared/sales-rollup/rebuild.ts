import type { Warehouse } from '../warehouse/port';
import { differencesSql, rebuildAll } from './statements';

/**
 * Recomputes both rollups from every row, in one transaction: the repair when BUSINESS_TIMEZONE changes (every day
 * moves) or when a check finds a difference. Readers see the old rollup until it commits, then the new one.
 */
export async function rebuildRollup(warehouse: Warehouse, timeZone: string, now: Date): Promise<void> {
  await warehouse.transaction(rebuildAll(warehouse.dialect).map((sql) => () => sql), { params: { rollupTz: timeZone, rolledAt: now } });
}

/** A bucket where commerce.daily_sales and a recomputation from the rows disagree. */
export interface RollupDifference {
  business_date: string;
  source: string;
  location_id: string;
  expected_gross_cents: number | null;
  actual_gross_cents: number | null;
  expected_refunds_cents: number | null;
  actual_refunds_cents: number | null;
  expected_completed_count: number | null;
  actual_completed_count: number | null;
  /** The zone the rollup's bucket was computed in (another zone than the business one is a difference). */
  time_zone: string | null;
}

/** Compares the rollup with a recomputation from the rows (a full read of both): up to `limit` differing buckets. */
export async function checkRollup(warehouse: Warehouse, timeZone: string, limit = 100): Promise<RollupDifference[]> {
  return warehouse.query<RollupDifference>(differencesSql, { params: { rollupTz: timeZone, limit } });
}
