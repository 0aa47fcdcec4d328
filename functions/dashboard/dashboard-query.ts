import type { QueryCost, Sql, Warehouse } from '@shared/warehouse/port';
import { customerSales } from '@shared/warehouse/schema/daily-sales';
import { locationsView } from '@shared/warehouse/schema/sales';
import { syncState } from '@shared/warehouse/schema/ops';
import { dailyNetSalesCte } from './daily-net-sales';

/** The dashboard's figures for one location, or for all of them, in integer cents and counts as of one instant. */
export interface DashboardFigures {
  todayCents: number;
  weekCents: number;
  monthCents: number;
  yearCents: number;
  /** Completed sales up to now. */
  completedCount: number;
  /** Completed sales up to now, less every completed refund up to now. */
  netCents: number;
  /** Distinct customers (per source) with a completed sale up to now. */
  customers: number;
}

/** A location of a source, with its figures. */
export interface LocationFigures extends DashboardFigures {
  source: string;
  /** The source's location id ('' for sales that name none). */
  locationId: string;
  /** Its name in the source (Square location, Lightspeed shop), when known. */
  name: string | null;
}

/** What one dashboard query answers: the figures of every location and of all of them together. */
export interface DashboardTotals extends DashboardFigures {
  /** Today's date in the business time zone, YYYY-MM-DD. */
  today: string;
  locations: LocationFigures[];
  /** The streams (`source/stream`) that had finished a sync by then: the figures are partial until every one has. */
  syncedStreams: string[];
}

/** The dashboard reads every day of the rollup: a hundred years of days is still a small table. */
export const ALL_DAYS = 36_600;

/**
 * Today's, this week's (from Monday), this month's and this year's net revenue in the business time zone, and the
 * all-time counts, per source and location, in one statement so a cache refresh is exactly one warehouse query.
 * A sale counts on its own local day; a refund subtracts on the refund's local day, whenever its sale was. Days
 * before today come from the rollup, today from the rows up to `now`. Customers come from customer_sales, where each
 * is counted once however many days they bought on: per location, and (in every row) across all locations.
 */
export const dashboardTotalsSql: Sql = (d) => {
  const now = d.param('now');
  return `
WITH clock AS (SELECT ${d.localDate(now, d.param('tz'))} AS today),
periods AS (
  SELECT today,
    ${d.truncDate('today', 'week')} AS week_start,
    ${d.truncDate('today', 'month')} AS month_start,
    ${d.truncDate('today', 'year')} AS year_start
  FROM clock
),
${dailyNetSalesCte(d)},
per_location AS (
  SELECT n.source, n.location_id,
    COALESCE(SUM(CASE WHEN n.day = p.today THEN n.cents END), 0) AS today_cents,
    COALESCE(SUM(CASE WHEN n.day >= p.week_start THEN n.cents END), 0) AS week_cents,
    COALESCE(SUM(CASE WHEN n.day >= p.month_start THEN n.cents END), 0) AS month_cents,
    COALESCE(SUM(CASE WHEN n.day >= p.year_start THEN n.cents END), 0) AS year_cents,
    SUM(n.sales) AS completed_count, SUM(n.cents) AS net_cents
  FROM daily_net_sales AS n CROSS JOIN periods AS p
  GROUP BY 1, 2
),
customers_as_of_now AS (
  SELECT source, location_id, customer_id FROM ${d.table(customerSales)} WHERE first_sale_at <= ${now}
),
location_customers AS (
  SELECT source, location_id, COUNT(*) AS customers FROM customers_as_of_now GROUP BY 1, 2
),
all_customers AS (
  SELECT COUNT(*) AS customers FROM (SELECT DISTINCT source, customer_id FROM customers_as_of_now) AS distinct_customers
),
figures AS (
  SELECT COALESCE(l.source, c.source) AS source, COALESCE(l.location_id, c.location_id) AS location_id,
    COALESCE(l.today_cents, 0) AS today_cents, COALESCE(l.week_cents, 0) AS week_cents,
    COALESCE(l.month_cents, 0) AS month_cents, COALESCE(l.year_cents, 0) AS year_cents,
    COALESCE(l.completed_count, 0) AS completed_count, COALESCE(l.net_cents, 0) AS net_cents,
    COALESCE(c.customers, 0) AS customers
  FROM per_location AS l
  FULL OUTER JOIN location_customers AS c ON c.source = l.source AND c.location_id = l.location_id
),
located AS (
  SELECT COALESCE(f.source, n.source) AS source, COALESCE(f.location_id, n.id) AS location_id, n.name,
    COALESCE(f.today_cents, 0) AS today_cents, COALESCE(f.week_cents, 0) AS week_cents,
    COALESCE(f.month_cents, 0) AS month_cents, COALESCE(f.year_cents, 0) AS year_cents,
    COALESCE(f.completed_count, 0) AS completed_count, COALESCE(f.net_cents, 0) AS net_cents,
    COALESCE(f.customers, 0) AS customers
  FROM figures AS f
  FULL OUTER JOIN ${d.table(locationsView)} AS n ON n.source = f.source AND n.id = f.location_id
)
SELECT ${d.dateText('p.today')} AS today, a.customers AS all_customers, l.source, l.location_id, l.name,
  ${d.int('l.today_cents')} AS today_cents, ${d.int('l.week_cents')} AS week_cents,
  ${d.int('l.month_cents')} AS month_cents, ${d.int('l.year_cents')} AS year_cents,
  ${d.int('l.completed_count')} AS completed_count, ${d.int('l.net_cents')} AS net_cents, ${d.int('l.customers')} AS customers,
  (SELECT STRING_AGG(source || '/' || stream, ',') FROM ${d.table(syncState)} WHERE updated_at <= ${now}) AS synced_streams
FROM periods AS p CROSS JOIN all_customers AS a LEFT JOIN located AS l ON TRUE
ORDER BY l.source, l.location_id`;
};

interface TotalsRow {
  today: string;
  all_customers: number;
  source: string | null;
  location_id: string | null;
  name: string | null;
  today_cents: number;
  week_cents: number;
  month_cents: number;
  year_cents: number;
  completed_count: number;
  net_cents: number;
  customers: number;
  synced_streams: string | null;
}

const SUMMED = ['todayCents', 'weekCents', 'monthCents', 'yearCents', 'completedCount', 'netCents'] as const;

/** The figures of several locations together; customers are given, since they cannot be summed across sources' ids. */
export function sumFigures(locations: readonly DashboardFigures[], customers: number): DashboardFigures {
  const total: DashboardFigures = { todayCents: 0, weekCents: 0, monthCents: 0, yearCents: 0, completedCount: 0, netCents: 0, customers };
  for (const l of locations) for (const key of SUMMED) total[key] += l[key];
  return total;
}

/** Runs the dashboard statement for an instant and a time zone; `onCost` hears what it cost. */
export async function queryDashboardTotals(
  warehouse: Warehouse,
  at: { now: Date; timeZone: string },
  onCost?: (cost: QueryCost) => void,
): Promise<DashboardTotals> {
  const rows = await warehouse.query<TotalsRow>(dashboardTotalsSql, {
    params: { now: at.now, tz: at.timeZone, windowDays: ALL_DAYS, locationId: null },
    types: { locationId: 'STRING' },
    onCost,
  });
  const locations: LocationFigures[] = rows
    .filter((r) => r.source !== null)
    .map((r) => ({
      source: r.source as string,
      locationId: r.location_id as string,
      name: r.name,
      todayCents: Number(r.today_cents),
      weekCents: Number(r.week_cents),
      monthCents: Number(r.month_cents),
      yearCents: Number(r.year_cents),
      completedCount: Number(r.completed_count),
      netCents: Number(r.net_cents),
      customers: Number(r.customers),
    }));
  const syncedStreams = rows[0].synced_streams ? rows[0].synced_streams.split(',') : [];
  return { today: rows[0].today, ...sumFigures(locations, Number(rows[0].all_customers)), locations, syncedStreams };
}
