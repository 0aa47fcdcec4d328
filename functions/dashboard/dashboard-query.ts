import type { Sql, Warehouse } from '@shared/warehouse/port';
import { dailyNetSalesCte } from './daily-net-sales';
import { saleRefundsView, salesView } from '@shared/warehouse/schema/sales';

/** The dashboard's figures as the warehouse computes them: integer cents and counts, as of one instant. */
export interface DashboardTotals {
  /** Today's date in the business time zone, YYYY-MM-DD. */
  today: string;
  todayCents: number;
  weekCents: number;
  monthCents: number;
  yearCents: number;
  /** Completed sales of every source up to now. */
  completedCount: number;
  /** Completed sales up to now, less every completed refund up to now. */
  netCents: number;
  /** Distinct customers (per source) among completed sales up to now. */
  customers: number;
}

/**
 * How far back the period figures read. This year began at most 365 local days ago and this week at most 6; a day
 * more covers the time-zone offset. It is also the partition filter that keeps BigQuery from scanning older days.
 */
export const PERIOD_WINDOW_DAYS = 367;

/**
 * Today's, this week's (from Monday), this month's and this year's net revenue in the business time zone, plus the
 * all-time counts, in one statement so a cache refresh is exactly one warehouse query. A sale counts on its own local
 * day; a refund subtracts on the refund's local day, whenever its sale was. Everything is as of `now`: rows stamped
 * later are left out, which is also the partition filter of the all-time figures.
 */
export const dashboardTotalsSql: Sql = (d) => {
  const now = d.param('now');
  return `
WITH periods AS (
  SELECT today,
    ${d.truncDate('today', 'week')} AS week_start,
    ${d.truncDate('today', 'month')} AS month_start,
    ${d.truncDate('today', 'year')} AS year_start
  FROM (SELECT ${d.localDate(now, d.param('tz'))} AS today) AS clock
),
${dailyNetSalesCte(d)},
period_totals AS (
  SELECT
    COALESCE(SUM(CASE WHEN n.day = p.today THEN n.cents END), 0) AS today_cents,
    COALESCE(SUM(CASE WHEN n.day >= p.week_start THEN n.cents END), 0) AS week_cents,
    COALESCE(SUM(CASE WHEN n.day >= p.month_start THEN n.cents END), 0) AS month_cents,
    COALESCE(SUM(CASE WHEN n.day >= p.year_start THEN n.cents END), 0) AS year_cents
  FROM daily_net_sales AS n CROSS JOIN periods AS p
),
all_time_sales AS (
  SELECT COUNT(*) AS completed_count, COALESCE(SUM(amount_cents), 0) AS completed_cents,
    COUNT(DISTINCT CASE WHEN customer_id <> '' THEN source || ':' || customer_id END) AS customers
  FROM ${d.table(salesView)}
  WHERE status = 'completed' AND created_at <= ${now}
),
all_time_refunds AS (
  SELECT COALESCE(SUM(amount_cents), 0) AS refunded_cents
  FROM ${d.table(saleRefundsView)}
  WHERE created_at <= ${now}
)
SELECT ${d.dateText('p.today')} AS today,
  ${d.int('t.today_cents')} AS today_cents, ${d.int('t.week_cents')} AS week_cents,
  ${d.int('t.month_cents')} AS month_cents, ${d.int('t.year_cents')} AS year_cents,
  s.completed_count, ${d.int('s.completed_cents - r.refunded_cents')} AS net_cents, s.customers
FROM periods AS p CROSS JOIN period_totals AS t CROSS JOIN all_time_sales AS s CROSS JOIN all_time_refunds AS r`;
};

interface TotalsRow {
  today: string;
  today_cents: number;
  week_cents: number;
  month_cents: number;
  year_cents: number;
  completed_count: number;
  net_cents: number;
  customers: number;
}

/** Runs the dashboard statement for an instant and a time zone. */
export async function queryDashboardTotals(warehouse: Warehouse, at: { now: Date; timeZone: string }): Promise<DashboardTotals> {
  const [row] = await warehouse.query<TotalsRow>(dashboardTotalsSql, {
    params: { now: at.now, tz: at.timeZone, windowDays: PERIOD_WINDOW_DAYS },
  });
  return {
    today: row.today,
    todayCents: Number(row.today_cents),
    weekCents: Number(row.week_cents),
    monthCents: Number(row.month_cents),
    yearCents: Number(row.year_cents),
    completedCount: Number(row.completed_count),
    netCents: Number(row.net_cents),
    customers: Number(row.customers),
  };
}
