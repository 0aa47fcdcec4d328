import type { Kv } from '../kv/port';
import { cacheKeys } from './cache-keys';

/** A cache namespace's latest refresh and latest failure, as /health reports them. */
export interface CacheStatus {
  /** live: the latest load succeeded; degraded: the latest load failed; cold: nothing loaded yet (or retained). */
  mode: 'live' | 'degraded' | 'cold';
  lastRefresh: { at: string; key: string; loadMs: number } | null;
  lastError: { at: string; key: string; message: string } | null;
}

interface Stamped {
  at: number;
  key: string;
}

/** Reads the latest refresh and failure of a namespace (every instance records them in kv). */
export async function readCacheStatus(kv: Kv, namespace: string): Promise<CacheStatus> {
  const keys = cacheKeys(namespace);
  const [refresh, failure] = await Promise.all([
    kv.get<Stamped & { loadMs: number }>(keys.lastRefresh),
    kv.get<Stamped & { message: string }>(keys.lastError),
  ]);
  const mode = failure && (!refresh || failure.at >= refresh.at) ? 'degraded' : refresh ? 'live' : 'cold';
  return {
    mode,
    lastRefresh: refresh ? { at: new Date(refresh.at).toISOString(), key: refresh.key, loadMs: refresh.loadMs } : null,
    lastError: failure ? { at: new Date(failure.at).toISOString(), key: failure.key, message: failure.message } : null,
  };
}
