import type { Dialect } from '@shared/warehouse/dialect';
import { dailySales } from '@shared/warehouse/schema/daily-sales';
import { saleRefundsView, salesView } from '@shared/warehouse/schema/sales';

/** A quarter hour: every time zone's offset (and offset change) is a whole number of them. */
const QUARTER_HOUR_SECONDS = 900;

/** Today began less than this many days before `now`, whatever the zone and its offset changes. */
const TODAY_BOUND_DAYS = 2;

/**
 * The CTE `daily_net_sales(day, source, location_id, cents, sales)`: per business day, source and location, completed
 * sales less completed refunds (each on its own local day) and the count of completed sales, over the `windowDays`
 * days up to today. It needs a CTE `clock(today)`. Every day before today comes from the maintained rollup
 * (commerce.daily_sales: a few rows per day, whatever the number of sales). Today, still being written, comes from
 * the rows of the last two days up to `now`, so a figure is exactly as of `now`; they are summed per UTC quarter hour
 * first, so the time-zone conversion runs once per quarter hour (a quarter hour never straddles a local midnight).
 * With a `locationId`, only that location's. Parameters: now, tz, windowDays, locationId (null for all).
 */
export function dailyNetSalesCte(d: Dialect): string {
  const now = d.param('now');
  const location = d.param('locationId');
  const quarter = d.utcBucket('created_at', QUARTER_HOUR_SECONDS);
  const since = d.timestampSub(now, String(TODAY_BOUND_DAYS), 'day');
  const rowsOf = (view: typeof salesView, sign: string, sales: string, where: string) => `
  SELECT ${quarter} AS quarter, source, COALESCE(location_id, '') AS location_id, ${sign}SUM(amount_cents) AS cents, ${sales} AS sales
  FROM ${d.table(view)}
  WHERE ${where}created_at > ${since} AND created_at <= ${now} AND (${location} IS NULL OR COALESCE(location_id, '') = ${location})
  GROUP BY 1, 2, 3`;
  return `today_quarter_hours AS (${rowsOf(salesView, '', 'COUNT(*)', "status = 'completed' AND ")}
  UNION ALL${rowsOf(saleRefundsView, '-', '0', '')}
),
daily_net_sales AS (
  SELECT r.business_date AS day, r.source, r.location_id, r.gross_cents - r.refunds_cents AS cents, r.completed_count AS sales
  FROM ${d.table(dailySales)} AS r CROSS JOIN clock AS c
  WHERE r.business_date < c.today AND r.business_date >= ${d.addDays('c.today', `-${d.param('windowDays')}`)}
    AND (${location} IS NULL OR r.location_id = ${location})
  UNION ALL
  SELECT c.today AS day, q.source, q.location_id, SUM(q.cents) AS cents, SUM(q.sales) AS sales
  FROM today_quarter_hours AS q CROSS JOIN clock AS c
  WHERE ${d.localDate('q.quarter', d.param('tz'))} = c.today
  GROUP BY 1, 2, 3
)`;
}
