import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import { CacheUnavailableError, SwrCache, type SwrResult } from '@shared/cache/swr';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { LIVE_CACHE } from './live-source';

/** The dashboard's two caches: warehouse figures and live Square reads. */
export interface DashboardCaches {
  warehouse: SwrCache;
  square: SwrCache;
}

const caches = new WeakMap<Runtime, DashboardCaches>();

/** The caches of a runtime, created once per runtime (one per instance in production) with the configured windows. */
export function dashboardCaches(rt: Runtime): DashboardCaches {
  let existing = caches.get(rt);
  if (!existing) {
    const settings = { freshMs: rt.config.DASHBOARD_CACHE_FRESH_SECONDS * 1000, staleMs: rt.config.DASHBOARD_CACHE_STALE_SECONDS * 1000 };
    const deps = { kv: rt.kv, clock: rt.clock, log: rt.log };
    existing = { warehouse: new SwrCache(deps, WAREHOUSE_CACHE, settings), square: new SwrCache(deps, LIVE_CACHE, settings) };
    caches.set(rt, existing);
  }
  return existing;
}

/** What every cached answer tells about its freshness, next to its figures. */
export interface Freshness {
  mode: 'live' | 'degraded';
  lastRefresh: string;
  /** How long the query that produced the figures took. */
  queryMs: number;
  /** Only when degraded: why the figures are not current. */
  error?: { message: string; at: string };
}

/** A cached read and the fields and headers that describe it. */
export interface CachedAnswer<T> {
  value: T;
  freshness: Freshness;
  headers: Record<string, string>;
}

/**
 * Reads through a cache. With no value to serve (the source failed and nothing good was cached) the answer is 503
 * with a code naming the source, never invented figures.
 */
export async function cachedAnswer<T>(
  cache: SwrCache,
  key: string,
  load: () => Promise<T>,
  unavailable: { code: string; source: string },
): Promise<CachedAnswer<T>> {
  let result: SwrResult<T>;
  try {
    result = await cache.read(key, load);
  } catch (error) {
    if (!(error instanceof CacheUnavailableError)) throw error;
    throw new HttpError(503, unavailable.code, `No data to serve: ${unavailable.source} could not be read and nothing was cached before`, {
      cause: error,
      details: { error: error.failure.message, at: error.failure.at.toISOString() },
      headers: { 'Retry-After': '5' },
    });
  }
  const freshness: Freshness = { mode: result.mode, lastRefresh: result.refreshedAt.toISOString(), queryMs: result.loadMs };
  if (result.error) freshness.error = { message: result.error.message, at: result.error.at.toISOString() };
  return {
    value: result.value,
    freshness,
    // Staff data: no shared caches between the caller and us.
    headers: { 'X-Cache': result.outcome.toUpperCase(), 'Cache-Control': 'private, no-store' },
  };
}
