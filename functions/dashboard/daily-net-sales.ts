import type { Dialect } from '@shared/warehouse/dialect';
import { saleRefundsView, salesView } from '@shared/warehouse/schema/sales';

/** A quarter hour: every time zone's offset (and offset change) is a whole number of them. */
const QUARTER_HOUR_SECONDS = 900;

/**
 * The CTE `daily_net_sales(day, cents, sales)`: per business day, completed sales of every source less completed
 * refunds (each on its own local day), and the count of completed sales, over the `windowDays` days up to `now`.
 * Rows are first summed per UTC quarter hour, so the time-zone conversion runs once per quarter hour instead of once
 * per sale (the expensive part on a large history); a quarter hour never straddles a local midnight. The created_at
 * bounds are the partition filter of both tables. Parameters: now, tz, windowDays.
 */
export function dailyNetSalesCte(d: Dialect): string {
  const now = d.param('now');
  const since = d.timestampSub(now, d.param('windowDays'), 'day');
  const quarter = d.utcBucket('created_at', QUARTER_HOUR_SECONDS);
  return `quarter_hours AS (
  SELECT ${quarter} AS quarter, SUM(amount_cents) AS cents, COUNT(*) AS sales
  FROM ${d.table(salesView)}
  WHERE status = 'completed' AND created_at > ${since} AND created_at <= ${now}
  GROUP BY 1
  UNION ALL
  SELECT ${quarter} AS quarter, -SUM(amount_cents) AS cents, 0 AS sales
  FROM ${d.table(saleRefundsView)}
  WHERE created_at > ${since} AND created_at <= ${now}
  GROUP BY 1
),
daily_net_sales AS (
  SELECT ${d.localDate('quarter', d.param('tz'))} AS day, SUM(cents) AS cents, SUM(sales) AS sales
  FROM quarter_hours
  GROUP BY 1
)`;
}
