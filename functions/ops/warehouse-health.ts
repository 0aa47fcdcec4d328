import { readCacheStatus } from '@shared/cache/cache-status';
import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import type { Runtime } from '@shared/runtime';
import type { PortCheck } from './port-checks';

/** What /health says about the warehouse as the dashboard sees it. */
export interface WarehouseHealth {
  backend: string;
  /** live: reachable and the dashboard's latest refresh succeeded; degraded: the dashboard is serving older figures. */
  mode: 'live' | 'degraded';
  /** The dashboard's latest successful warehouse refresh (any instance); null before the first. */
  lastRefresh: string | null;
  lastError: { at: string; message: string } | null;
  cacheBackend: string;
}

/** Combines the warehouse ping with the dashboard cache's record of its latest refresh and failure (kept in kv). */
export async function checkWarehouse(rt: Runtime, ping: PortCheck): Promise<WarehouseHealth> {
  const cache = await readCacheStatus(rt.kv, WAREHOUSE_CACHE);
  const pingError = ping.status === 'down' ? { at: rt.clock.now().toISOString(), message: ping.error ?? 'warehouse unreachable' } : null;
  return {
    backend: rt.warehouse.backend,
    mode: pingError || cache.mode === 'degraded' ? 'degraded' : 'live',
    lastRefresh: cache.lastRefresh?.at ?? null,
    lastError: pingError ?? (cache.lastError ? { at: cache.lastError.at, message: cache.lastError.message } : null),
    cacheBackend: rt.kv.backend,
  };
}
