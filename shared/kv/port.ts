import type { PoolSeed, PoolTake, PoolTakeResult } from './number-pool';

/**
 * The key-value port: cache, counters, locks, limits and idempotency records. Every operation here is atomic in
 * every adapter (Upstash: one command or one script; memory: one synchronous step), so invariants hold across
 * instances. Values are JSON.
 */
export interface Kv {
  readonly backend: 'memory' | 'upstash';
  get<T = unknown>(key: string): Promise<T | null>;
  set(key: string, value: unknown, options?: { ttlMs?: number }): Promise<void>;
  /** Sets the key only when absent; true when this call set it. */
  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Adds `by` (default 1) and returns the new value; the TTL is set when the key is created and kept after. */
  increment(key: string, options?: { by?: number; ttlMs?: number }): Promise<number>;
  /** Milliseconds until the key expires; null when it does not exist or never expires. */
  ttlMs(key: string): Promise<number | null>;
  /**
   * Compare-and-reserve under a cap: adds `count` to the counter only if the result stays ≤ cap.
   * Returns the reserved range [first, last] (1-based) or null when the cap would be exceeded.
   */
  reserve(key: string, count: number, cap: number): Promise<{ first: number; last: number } | null>;
  /**
   * Takes a contiguous run of numbers from a numbered pool for a claim (see number-pool.ts): returned numbers first,
   * then new ones under the cap, at most `holderLimit` per holder; the same claim gets its numbers again.
   */
  takeNumbers(pool: string, take: PoolTake): Promise<PoolTakeResult>;
  /** Returns a claim's numbers to the pool; false when the claim (or the pool) holds none. */
  returnNumbers(pool: string, claim: string): Promise<boolean>;
  /** Creates a pool from a seed (rebuilt from the durable record) unless it exists; true when this call created it. */
  seedNumbers(pool: string, seed: PoolSeed): Promise<boolean>;
  /** A single-flight lock: a token when acquired, null when someone else holds it. */
  acquireLock(key: string, ttlMs: number): Promise<string | null>;
  /** Releases the lock only if `token` still holds it (a lock that expired and was re-taken is left alone). */
  releaseLock(key: string, token: string): Promise<boolean>;
  ping(): Promise<void>;
}
