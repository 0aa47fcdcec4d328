import type { Dialect } from '../warehouse/dialect';
import { customerSales, dailySales } from '../warehouse/schema/daily-sales';
import { saleRefundsView, salesView } from '../warehouse/schema/sales';

/**
 * The SQL that keeps commerce.daily_sales and commerce.customer_sales equal to the rows, written once for both
 * dialects. Parameters: rollupTz (the business time zone), rolledAt (the time stamped on recomputed rows).
 *
 * A bucket is (business date, source, location). Writers name the buckets they touched in the temporary table
 * `touched_days` and the customers in `touched_customers`; `recompute*` then replaces exactly those buckets and
 * customers with what the rows say, so a bucket is always a function of the rows, however often it is recomputed.
 */

const TZ = 'rollupTz';
const AT = 'rolledAt';

/** Temporary tables of what a write touched. */
export const TOUCHED_DAYS = 'touched_days';
export const TOUCHED_CUSTOMERS = 'touched_customers';

const location = "COALESCE(location_id, '')";

/** Completed sales and completed refunds as movements: (source, location_id, created_at, gross, refunds, completed). */
function movements(d: Dialect): string {
  return `(
  SELECT source, ${location} AS location_id, created_at, amount_cents AS gross_cents, 0 AS refunds_cents, 1 AS completed
  FROM ${d.table(salesView)} WHERE status = 'completed'
  UNION ALL
  SELECT source, ${location} AS location_id, created_at, 0 AS gross_cents, amount_cents AS refunds_cents, 0 AS completed
  FROM ${d.table(saleRefundsView)}
)`;
}

/** Empty temporary tables for the buckets and customers a write touches. */
export function createTouched(d: Dialect): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE ${TOUCHED_DAYS} AS SELECT ${d.localDate('created_at', d.param(TZ))} AS business_date, source, location_id FROM ${d.table(salesView)} WHERE FALSE`,
    `CREATE OR REPLACE TEMP TABLE ${TOUCHED_CUSTOMERS} AS SELECT source, customer_id FROM ${d.table(salesView)} WHERE FALSE`,
  ];
}

/**
 * Records the buckets and customers of the rows of `view` (commerce.sales or commerce.sale_refunds) whose source is
 * `source` and whose id is in `ids` (a relation with an `id` column). Run before and after a write, it names both the
 * buckets the rows left (a changed status, date or location) and the ones they entered.
 */
export function noteTouched(d: Dialect, view: 'sales' | 'refunds', source: string, ids: string): string[] {
  const from = `${d.table(view === 'sales' ? salesView : saleRefundsView)} WHERE source = '${source}' AND id IN (SELECT id FROM ${ids})`;
  const days = `INSERT INTO ${TOUCHED_DAYS} (business_date, source, location_id)
SELECT DISTINCT ${d.localDate('created_at', d.param(TZ))}, source, ${location} FROM ${from}`;
  if (view === 'refunds') return [days];
  return [
    days,
    `INSERT INTO ${TOUCHED_CUSTOMERS} (source, customer_id)
SELECT DISTINCT source, customer_id FROM ${from} AND customer_id <> ''`,
  ];
}

const DAILY_COLUMNS = 'business_date, source, location_id, gross_cents, refunds_cents, completed_count, time_zone, updated_at';

/**
 * Replaces the touched buckets of daily_sales with their sums over the rows. Rows are bounded to the UTC days around
 * the touched dates (a local date lies within a day either side of the same UTC date), so only those partitions of
 * the rows are read.
 */
export function recomputeDays(d: Dialect): string[] {
  const day = d.localDate('m.created_at', d.param(TZ));
  const bounds = `(SELECT ${d.timestampSub(d.dateStartUtc('MIN(business_date)'), '1', 'day')} FROM ${TOUCHED_DAYS})`;
  const until = `(SELECT ${d.timestampSub(d.dateStartUtc('MAX(business_date)'), '-2', 'day')} FROM ${TOUCHED_DAYS})`;
  return [
    `DELETE FROM ${d.table(dailySales)} AS r
WHERE EXISTS (SELECT 1 FROM ${TOUCHED_DAYS} AS k WHERE k.business_date = r.business_date AND k.source = r.source AND k.location_id = r.location_id)`,
    `INSERT INTO ${d.table(dailySales)} (${DAILY_COLUMNS})
SELECT ${day} AS business_date, m.source, m.location_id, SUM(m.gross_cents), SUM(m.refunds_cents), SUM(m.completed), ${d.param(TZ)}, ${d.param(AT)}
FROM ${movements(d)} AS m
WHERE m.created_at >= ${bounds} AND m.created_at < ${until}
  AND EXISTS (SELECT 1 FROM ${TOUCHED_DAYS} AS k WHERE k.business_date = ${day} AND k.source = m.source AND k.location_id = m.location_id)
GROUP BY 1, 2, 3`,
  ];
}

const CUSTOMER_COLUMNS = 'source, location_id, customer_id, first_sale_at, completed_count, updated_at';

/** The completed sales of customers, per source and location, as customer_sales holds them. */
function customerRows(d: Dialect, where: string): string {
  return `SELECT s.source, ${location} AS location_id, s.customer_id, MIN(s.created_at), COUNT(*), ${d.param(AT)}
FROM ${d.table(salesView)} AS s
WHERE s.status = 'completed' AND s.customer_id <> ''${where}
GROUP BY 1, 2, 3`;
}

/** Replaces the touched customers' rows of customer_sales with what their sales say. */
export function recomputeCustomers(d: Dialect): string[] {
  return [
    `DELETE FROM ${d.table(customerSales)} AS c
WHERE EXISTS (SELECT 1 FROM ${TOUCHED_CUSTOMERS} AS k WHERE k.source = c.source AND k.customer_id = c.customer_id)`,
    `INSERT INTO ${d.table(customerSales)} (${CUSTOMER_COLUMNS})
${customerRows(d, `\n  AND EXISTS (SELECT 1 FROM ${TOUCHED_CUSTOMERS} AS k WHERE k.source = s.source AND k.customer_id = s.customer_id)`)}`,
  ];
}

/** Both rollups recomputed from every row: the repair after a time-zone change or anything else. */
export function rebuildAll(d: Dialect): string[] {
  const day = d.localDate('m.created_at', d.param(TZ));
  return [
    `DELETE FROM ${d.table(dailySales)} WHERE TRUE`,
    `INSERT INTO ${d.table(dailySales)} (${DAILY_COLUMNS})
SELECT ${day} AS business_date, m.source, m.location_id, SUM(m.gross_cents), SUM(m.refunds_cents), SUM(m.completed), ${d.param(TZ)}, ${d.param(AT)}
FROM ${movements(d)} AS m
GROUP BY 1, 2, 3`,
    `DELETE FROM ${d.table(customerSales)} WHERE TRUE`,
    `INSERT INTO ${d.table(customerSales)} (${CUSTOMER_COLUMNS})
${customerRows(d, '')}`,
  ];
}

/**
 * Buckets where the rollup and a recomputation from the rows differ (or the rollup is in another time zone), at most
 * `limit` of them: what the check reports. Empty when they agree.
 */
export function differencesSql(d: Dialect): string {
  const day = d.localDate('m.created_at', d.param(TZ));
  return `
WITH expected AS (
  SELECT ${day} AS business_date, m.source, m.location_id, SUM(m.gross_cents) AS gross_cents,
    SUM(m.refunds_cents) AS refunds_cents, SUM(m.completed) AS completed_count
  FROM ${movements(d)} AS m
  GROUP BY 1, 2, 3
),
actual AS (
  SELECT business_date, source, location_id, gross_cents, refunds_cents, completed_count, time_zone
  FROM ${d.table(dailySales)}
)
SELECT ${d.dateText('COALESCE(e.business_date, a.business_date)')} AS business_date,
  COALESCE(e.source, a.source) AS source, COALESCE(e.location_id, a.location_id) AS location_id,
  ${d.int('e.gross_cents')} AS expected_gross_cents, a.gross_cents AS actual_gross_cents,
  ${d.int('e.refunds_cents')} AS expected_refunds_cents, a.refunds_cents AS actual_refunds_cents,
  ${d.int('e.completed_count')} AS expected_completed_count, a.completed_count AS actual_completed_count,
  a.time_zone
FROM expected AS e
FULL OUTER JOIN actual AS a
  ON e.business_date = a.business_date AND e.source = a.source AND e.location_id = a.location_id
WHERE e.business_date IS NULL OR a.business_date IS NULL OR a.time_zone <> ${d.param(TZ)}
  OR e.gross_cents <> a.gross_cents OR e.refunds_cents <> a.refunds_cents OR e.completed_count <> a.completed_count
ORDER BY 1, 2, 3
LIMIT ${d.param('limit')}`;
}
