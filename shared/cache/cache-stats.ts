import type { Kv } from '../kv/port';
import { cacheKeys } from './cache-keys';

/** What the cache counts: answers by outcome, background refreshes, loads from the source, failed loads. */
export const CACHE_COUNTERS = ['hits', 'misses', 'staleServes', 'fallbacks', 'refreshes', 'loads', 'errors'] as const;
export type CacheCounter = (typeof CACHE_COUNTERS)[number];

/** The counters of a namespace, summed over every instance (they live in kv), with the share answered from cache. */
export interface CacheStats extends Record<CacheCounter, number> {
  /** (hits + stale serves) / every answer; 0 before the first. */
  hitRate: number;
  /** When counting started (the first event counted). */
  since: string | null;
}

/** Adds one to a counter; the first event of a namespace also records when counting began. */
export async function countCacheEvent(kv: Kv, namespace: string, counter: CacheCounter, at: Date): Promise<void> {
  const keys = cacheKeys(namespace);
  const total = await kv.increment(keys.counter(counter));
  if (total === 1) await kv.setIfAbsent(keys.statsSince, at.toISOString(), 0);
}

/** Reads every counter of a namespace. */
export async function readCacheStats(kv: Kv, namespace: string): Promise<CacheStats> {
  const keys = cacheKeys(namespace);
  const [values, since] = await Promise.all([
    Promise.all(CACHE_COUNTERS.map(async (c) => Number((await kv.get<number>(keys.counter(c))) ?? 0))),
    kv.get<string>(keys.statsSince),
  ]);
  return statsOf(Object.fromEntries(CACHE_COUNTERS.map((c, i) => [c, values[i]])) as Record<CacheCounter, number>, since);
}

/** Several namespaces counted as one cache: counters summed, counting from the earliest start. */
export function totalCacheStats(all: readonly CacheStats[]): CacheStats {
  const counts = Object.fromEntries(CACHE_COUNTERS.map((c) => [c, all.reduce((sum, stats) => sum + stats[c], 0)])) as Record<CacheCounter, number>;
  const since = all.map((stats) => stats.since).filter((s): s is string => s !== null).sort()[0] ?? null;
  return statsOf(counts, since);
}

function statsOf(counts: Record<CacheCounter, number>, since: string | null): CacheStats {
  const answers = counts.hits + counts.staleServes + counts.misses + counts.fallbacks;
  const hitRate = answers === 0 ? 0 : Math.round(((counts.hits + counts.staleServes) / answers) * 10_000) / 10_000;
  return { ...counts, hitRate, since };
}
