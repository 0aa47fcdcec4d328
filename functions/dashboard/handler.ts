import { createHttpHandler } from '@shared/http/router';
import { cacheStatsRoute, invalidateCacheRoute } from './cache-routes';
import { squareCatalogRoute, squareTransactionsRoute } from './square-routes';
import { dashboardRoute, historicalRoute, productsRoute } from './warehouse-routes';

/** Every route of the dashboard function. */
export const dashboardRoutes = [dashboardRoute, historicalRoute, productsRoute, cacheStatsRoute, invalidateCacheRoute, squareCatalogRoute, squareTransactionsRoute];

/** The dashboard HTTP function: warehouse figures and live Square reads behind the stale-while-revalidate cache. */
export const dashboardHandler = createHttpHandler({ name: 'dashboard', routes: dashboardRoutes });
