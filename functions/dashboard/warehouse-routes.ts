import { route } from '@shared/http/router';
import { streamsPending } from '@shared/sources/first-sync';
import { cachedAnswer, dashboardCaches } from './cached-answer';
import { catalogProductJson } from './catalog-json';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { type DashboardFigures, type DashboardTotals, type LocationFigures, queryDashboardTotals, sumFigures } from './dashboard-query';
import { queryHistorical } from './historical-query';
import { averageCents, centsToDollars } from '@shared/money';
import { TOP_SELLERS_UNAVAILABLE, queryCatalog } from './products-query';
import { catalogQuery, dashboardQuery, historicalQuery } from './query-params';
import { costRecorder } from './query-cost';

const WAREHOUSE_UNAVAILABLE = { code: 'WAREHOUSE_UNAVAILABLE', source: 'the warehouse' };

/** The dashboard's metrics in dollars, from the warehouse's cents. */
export function dashboardMetrics(t: DashboardFigures) {
  return {
    todayRevenue: centsToDollars(t.todayCents),
    weekRevenue: centsToDollars(t.weekCents),
    monthRevenue: centsToDollars(t.monthCents),
    yearRevenue: centsToDollars(t.yearCents),
    totalTransactions: t.completedCount,
    totalCustomers: t.customers,
    avgOrderValue: centsToDollars(averageCents(t.netCents, t.completedCount)),
  };
}

/** A location's metrics, named. */
function locationJson(l: LocationFigures) {
  return { source: l.source, locationId: l.locationId, name: l.name, ...dashboardMetrics(l) };
}

/** The dashboard's figures, cached: one warehouse query answers every location and all of them together. */
function cachedTotals(runtime: Runtime) {
  const timeZone = runtime.config.BUSINESS_TIMEZONE;
  return cachedAnswer(
    dashboardCaches(runtime).warehouse,
    `dashboard:${timeZone}`,
    () => queryDashboardTotals(runtime.warehouse, { now: runtime.clock.now(), timeZone }, costRecorder(runtime, 'dashboard')),
    WAREHOUSE_UNAVAILABLE,
  );
}

/** The locations of a filter (every location without one); 404 when no source has a location of that id. */
function chosenLocations(totals: DashboardTotals, locationId: string | undefined): LocationFigures[] {
  if (locationId === undefined) return totals.locations;
  const chosen = totals.locations.filter((l) => l.locationId === locationId);
  if (chosen.length === 0) {
    throw new HttpError(404, 'UNKNOWN_LOCATION', `No location ${locationId}; known: ${totals.locations.map((l) => l.locationId).join(', ')}`);
  }
  return chosen;
}

/**
 * GET /api/bigquery/dashboard?locationId=… (admin: revenue is staff data): this day's, week's, month's and year's net
 * revenue in the business time zone, and all-time transactions, customers and average order value, with the same
 * figures per location (`locations`, named from each source). With `locationId`, the same shape for that location only
 * (every source's location of that id).
 */
export const dashboardRoute = route({
  method: 'GET',
  path: '/api/bigquery/dashboard',
  access: 'admin',
  summary: 'Today\'s, this week\'s, month\'s and year\'s net revenue, transactions, customers, average order, per location (`locationId` for one)',
  query: dashboardQuery,
  async handle({ runtime, query }) {
    const answer = await cachedTotals(runtime);
    const totals = answer.value;
    const locations = chosenLocations(totals, query.locationId);
    // Customers of one location are distinct per source already; all of them together were counted across locations.
    const figures = query.locationId === undefined ? totals : sumFigures(locations, locations.reduce((n, l) => n + l.customers, 0));
    // Partial until every stream of every configured source has synced once (an older cached answer lacks the list).
    const pendingStreams = streamsPending(runtime.config, totals.syncedStreams ?? []);
    return {
      body: {
        metrics: dashboardMetrics(figures),
        locations: locations.map(locationJson),
        partial: pendingStreams.length > 0,
        pendingStreams,
        ...answer.freshness,
      },
      headers: answer.headers,
    };
  },
});

/**
 * GET /api/bigquery/historical?period=daily|monthly&days=N&locationId=… (admin): net revenue and sales per business
 * day or month, zero-filled, of every location or of one (404 for a location no source has).
 */
export const historicalRoute = route({
  method: 'GET',
  path: '/api/bigquery/historical',
  access: 'admin',
  summary: 'Net revenue and transactions per business day or month, zero-filled',
  query: historicalQuery,
  async handle({ runtime, query }) {
    const timeZone = runtime.config.BUSINESS_TIMEZONE;
    if (query.locationId !== undefined) chosenLocations((await cachedTotals(runtime)).value, query.locationId);
    const answer = await cachedAnswer(
      dashboardCaches(runtime).warehouse,
      `historical:${query.period}:${query.days}:${timeZone}:${query.locationId ?? '*'}`,
      () => queryHistorical(runtime.warehouse, { ...query, now: runtime.clock.now(), timeZone }, costRecorder(runtime, 'historical')),
      WAREHOUSE_UNAVAILABLE,
    );
    const series = answer.value;
    return {
      body: {
        period: series.period,
        days: series.days,
        ...(query.locationId === undefined ? {} : { locationId: query.locationId }),
        from: series.from,
        to: series.to,
        data: series.buckets.map((b) => ({ date: b.date, revenue: centsToDollars(b.cents), transactions: b.transactions })),
        ...answer.freshness,
      },
      headers: answer.headers,
    };
  },
});

/**
 * GET /api/bigquery/products?all=true|false (any signed-in caller: the catalog and its prices are what shoppers see):
 * the catalog of both sources, available items only unless all=true, and top sellers, which the warehouse cannot
 * rank yet (see TOP_SELLERS_UNAVAILABLE).
 */
export const productsRoute = route({
  method: 'GET',
  path: '/api/bigquery/products',
  access: 'customer',
  summary: 'The catalog of both sources with prices in dollars (available items unless `all=true`)',
  query: catalogQuery,
  async handle({ runtime, query }) {
    const answer = await cachedAnswer(
      dashboardCaches(runtime).warehouse,
      `products:${query.all ? 'all' : 'available'}`,
      () => queryCatalog(runtime.warehouse, { now: runtime.clock.now(), all: query.all }, costRecorder(runtime, 'products')),
      WAREHOUSE_UNAVAILABLE,
    );
    return {
      body: {
        products: answer.value.map(catalogProductJson),
        count: answer.value.length,
        topSellers: [],
        topSellersStatus: TOP_SELLERS_UNAVAILABLE,
        ...answer.freshness,
      },
      headers: answer.headers,
    };
  },
});
