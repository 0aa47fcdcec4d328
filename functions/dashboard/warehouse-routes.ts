import { route } from '@shared/http/router';
import { streamsPending } from '@shared/sources/first-sync';
import { cachedAnswer, dashboardCaches } from './cached-answer';
import { catalogProductJson } from './catalog-json';
import { type DashboardTotals, queryDashboardTotals } from './dashboard-query';
import { queryHistorical } from './historical-query';
import { averageCents, centsToDollars } from '@shared/money';
import { TOP_SELLERS_UNAVAILABLE, queryCatalog } from './products-query';
import { catalogQuery, historicalQuery } from './query-params';

const WAREHOUSE_UNAVAILABLE = { code: 'WAREHOUSE_UNAVAILABLE', source: 'the warehouse' };

/** The dashboard's metrics in dollars, from the warehouse's cents. */
export function dashboardMetrics(t: DashboardTotals) {
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

/**
 * GET /api/bigquery/dashboard (admin: revenue is staff data): this day's, week's, month's and year's net revenue in
 * the business time zone, and all-time transactions, customers and average order value.
 */
export const dashboardRoute = route({
  method: 'GET',
  path: '/api/bigquery/dashboard',
  access: 'admin',
  summary: 'Today\'s, this week\'s, month\'s and year\'s net revenue, transactions, customers, average order',
  async handle({ runtime }) {
    const timeZone = runtime.config.BUSINESS_TIMEZONE;
    const answer = await cachedAnswer(
      dashboardCaches(runtime).warehouse,
      `dashboard:${timeZone}`,
      () => queryDashboardTotals(runtime.warehouse, { now: runtime.clock.now(), timeZone }),
      WAREHOUSE_UNAVAILABLE,
    );
    // Partial until every stream of every configured source has synced once (an older cached answer lacks the list).
    const pendingStreams = streamsPending(runtime.config, answer.value.syncedStreams ?? []);
    return {
      body: { metrics: dashboardMetrics(answer.value), partial: pendingStreams.length > 0, pendingStreams, ...answer.freshness },
      headers: answer.headers,
    };
  },
});

/** GET /api/bigquery/historical?period=daily|monthly&days=N (admin): net revenue and sales per business day or month, zero-filled. */
export const historicalRoute = route({
  method: 'GET',
  path: '/api/bigquery/historical',
  access: 'admin',
  summary: 'Net revenue and transactions per business day or month, zero-filled',
  query: historicalQuery,
  async handle({ runtime, query }) {
    const timeZone = runtime.config.BUSINESS_TIMEZONE;
    const answer = await cachedAnswer(
      dashboardCaches(runtime).warehouse,
      `historical:${query.period}:${query.days}:${timeZone}`,
      () => queryHistorical(runtime.warehouse, { ...query, now: runtime.clock.now(), timeZone }),
      WAREHOUSE_UNAVAILABLE,
    );
    const series = answer.value;
    return {
      body: {
        period: series.period,
        days: series.days,
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
      () => queryCatalog(runtime.warehouse, { now: runtime.clock.now(), all: query.all }),
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
