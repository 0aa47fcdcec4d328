import { route } from '@shared/http/router';
import { cachedAnswer, dashboardCaches } from './cached-answer';
import { catalogProductJson } from './catalog-json';
import { centsToDollars } from '@shared/money';
import { catalogQuery } from './query-params';
import { liveSource as live } from './live-source';
const SQUARE_UNAVAILABLE = { code: 'SQUARE_UNAVAILABLE', source: 'Square' };

/**
 * GET /api/square/catalog?all=true|false (any signed-in caller): the catalog read live from Square (cached like the
 * warehouse figures, which also keeps a burst of callers under Square's request ceiling).
 */
export const squareCatalogRoute = route({
  method: 'GET',
  path: '/api/square/catalog',
  access: 'customer',
  summary: 'The catalog read live from Square (cached): names, variations, prices in dollars, availability',
  query: catalogQuery,
  async handle({ runtime, query }) {
    const answer = await cachedAnswer(
      dashboardCaches(runtime).square,
      'catalog',
      async () => (await live.openInteractive(runtime)).catalog(),
      SQUARE_UNAVAILABLE,
    );
    const items = answer.value.filter((p) => query.all || p.available).map(catalogProductJson);
    // `products` is the name the shop's front ends read; `items` is kept for the others.
    return { body: { source: live.source, items, products: items, count: items.length, ...answer.freshness }, headers: answer.headers };
  },
});

/** GET /api/square/transactions (admin): the last seven days from Square: net revenue, counts and the newest payments. */
export const squareTransactionsRoute = route({
  method: 'GET',
  path: '/api/square/transactions',
  access: 'admin',
  summary: 'The last seven days from Square: net revenue, counts, the newest payments',
  async handle({ runtime }) {
    const answer = await cachedAnswer(
      dashboardCaches(runtime).square,
      'transactions',
      async () => (await live.openInteractive(runtime)).recentPayments(runtime.clock.now()),
      SQUARE_UNAVAILABLE,
    );
    const summary = answer.value;
    return {
      body: {
        source: live.source,
        from: summary.from,
        to: summary.to,
        revenue: centsToDollars(summary.revenueCents),
        count: summary.completedCount,
        paymentCount: summary.paymentCount,
        recentPayments: summary.recent.map((p) => ({
          id: p.id,
          locationId: p.locationId,
          amount: centsToDollars(p.amountCents),
          refunded: centsToDollars(p.refundedCents),
          status: p.status,
          sourceType: p.sourceType,
          cardBrand: p.cardBrand,
          receiptUrl: p.receiptUrl,
          createdAt: p.createdAt,
        })),
        ...answer.freshness,
      },
      headers: answer.headers,
    };
  },
});
