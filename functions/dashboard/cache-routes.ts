import { type CacheStats, readCacheStats, totalCacheStats } from '@shared/cache/cache-stats';
import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import { route } from '@shared/http/router';
import { dashboardCaches } from './cached-answer';
import { LIVE_CACHE } from './live-source';
import { readQueryCosts } from './query-cost';
import { invalidateBody } from './query-params';

/** A namespace's counters with its loads named for what they are. */
function statsJson(stats: CacheStats, loadsName: string) {
  const { loads, ...rest } = stats;
  return { ...rest, [loadsName]: loads };
}

/**
 * GET /api/bigquery/cache-stats (admin): hits, misses, stale serves, fallbacks, background refreshes, warehouse
 * queries (and Square reads), failed loads and hit rate, and what the warehouse queries cost (bytes processed or rows
 * scanned, in total and for the latest of each kind), summed over every instance since counting began.
 */
export const cacheStatsRoute = route({
  method: 'GET',
  path: '/api/bigquery/cache-stats',
  access: 'admin',
  summary: 'Cache hits, misses, stale serves, fallbacks, refreshes and hit rate across instances',
  async handle({ runtime }) {
    const [warehouse, square, costs] = await Promise.all([
      readCacheStats(runtime.kv, WAREHOUSE_CACHE),
      readCacheStats(runtime.kv, LIVE_CACHE),
      readQueryCosts(runtime.kv),
    ]);
    const settings = {
      backend: runtime.kv.backend,
      freshSeconds: runtime.config.DASHBOARD_CACHE_FRESH_SECONDS,
      staleSeconds: runtime.config.DASHBOARD_CACHE_STALE_SECONDS,
    };
    return {
      body: {
        ...settings,
        // The whole cache in one object, as the shop's health scripts read it; the namespaces follow in detail.
        cache: { ...settings, ...totalCacheStats([warehouse, square]) },
        warehouse: statsJson(warehouse, 'warehouseQueries'),
        // What the warehouse queries cost, per query: BigQuery's bytes processed, DuckDB's rows scanned.
        warehouseCost: { backend: runtime.warehouse.backend, ...costs },
        square: statsJson(square, 'squareReads'),
      },
    };
  },
});

/**
 * POST /api/bigquery/cache/invalidate (admin): the next read of every cached answer queries again. The old answers
 * stay as fallbacks, so invalidating while the warehouse is down still serves them (degraded) rather than 503.
 */
export const invalidateCacheRoute = route({
  method: 'POST',
  path: '/api/bigquery/cache/invalidate',
  access: 'admin',
  summary: 'The next read of every cached answer queries again (`scope`: all, warehouse or square)',
  body: invalidateBody,
  async handle({ runtime, body, log, principal }) {
    const caches = dashboardCaches(runtime);
    const chosen = body.scope === 'all' ? ([WAREHOUSE_CACHE, LIVE_CACHE] as const) : ([body.scope] as const);
    await Promise.all(chosen.map((name) => caches[name].invalidate()));
    log.info('dashboard cache invalidated', { scope: body.scope, by: principal?.sub });
    return { body: { invalidated: chosen } };
  },
});
