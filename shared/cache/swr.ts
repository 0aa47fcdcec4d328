import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Kv } from '../kv/port';
import type { Logger } from '../log';
import { type CacheCounter, countCacheEvent } from './cache-stats';
import { cacheKeys } from './cache-keys';

/** How long answers stay fresh and stale, and how the cache behaves while the source is slow or failing. */
export interface SwrSettings {
  /** Served as is, without touching the source. */
  freshMs: number;
  /** After the fresh window: still served, while exactly one background refresh runs. */
  staleMs: number;
  /** How long the last good value is kept to answer (as degraded) when refreshes keep failing. Default 24 h. */
  retainMs?: number;
  /** Bound on one load: the refresh lock expires after it, so a crashed instance cannot block the others. Default 30 s. */
  lockMs?: number;
  /** After a failed load, how long before the source is tried again (requests meanwhile get the fallback). Default 5 s. */
  retryAfterFailureMs?: number;
  /** How often an instance waiting for another instance's load looks for its result. Default 25 ms. */
  pollMs?: number;
}

/** A cached value with when and how fast it was produced. */
export interface CacheEntry<T> {
  value: T;
  /** When the load that produced it started (ms since the epoch): the value is as of this time. */
  refreshedAt: number;
  loadMs: number;
  /** Unique per load, so a waiter can tell a new value from the one it already saw. */
  version: string;
  /** The invalidation generation it was loaded under; a later invalidation makes it unusable as a live answer. */
  generation: number;
}

/** Why the last load of a key failed. */
export interface CacheFailure {
  id: string;
  message: string;
  at: number;
}

/** How an answer was obtained: within the fresh window, stale while refreshing, loaded now, or the last good value. */
export type CacheOutcome = 'hit' | 'stale' | 'miss' | 'fallback';

/** What a read returns: the value, whether it is live or degraded, and when it was produced. */
export interface SwrResult<T> {
  value: T;
  mode: 'live' | 'degraded';
  outcome: CacheOutcome;
  refreshedAt: Date;
  loadMs: number;
  /** Present when degraded: the failure that keeps the value from being current. */
  error?: { message: string; at: Date };
}

/** No value can be served: the source failed (or did not answer in time) and nothing good was cached before. */
export class CacheUnavailableError extends Error {
  constructor(
    readonly key: string,
    readonly failure: { message: string; at: Date },
  ) {
    super(`No value for ${key}: ${failure.message}`);
    this.name = 'CacheUnavailableError';
  }
}

const DEFAULTS = { retainMs: 24 * 3_600_000, lockMs: 30_000, retryAfterFailureMs: 5_000, pollMs: 25 };
const MAX_ERROR_LENGTH = 500;

/**
 * A stale-while-revalidate cache in the kv port, shared by every instance. Fresh answers come from kv; stale ones
 * too, while one background refresh runs under a kv lock (so one across all instances, not one each); a miss is
 * loaded once, with every other caller (in this process, or in others through kv) waiting for that load. A failed
 * load leaves the last good value in place, served as degraded with the error, and the source is left alone for a
 * short while; with nothing good cached the read fails with CacheUnavailableError.
 */
export class SwrCache {
  private readonly settings: Required<SwrSettings>;
  private readonly keys: ReturnType<typeof cacheKeys>;
  /** Loads of missing keys in progress in this process: concurrent callers share one. */
  private readonly loading = new Map<string, Promise<SwrResult<unknown>>>();
  /** Background refreshes started by this process, so tests and shutdown can wait for them. */
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: { kv: Kv; clock: Clock; log: Logger },
    readonly namespace: string,
    settings: SwrSettings,
  ) {
    this.settings = { ...DEFAULTS, ...settings };
    this.keys = cacheKeys(namespace);
  }

  /**
   * The value of `key`: from the cache when fresh or stale, from `load` (once, for everyone) when missing. Logs one
   * line per lookup with `cache` = hit | stale | miss | fallback | unavailable: the field the cache_lookups
   * log-based metric reads (terraform/modules/monitoring/metrics.tf), so the cache-hit alert sees every lookup.
   */
  async read<T>(key: string, load: () => Promise<T>): Promise<SwrResult<T>> {
    try {
      const result = await this.lookup(key, load);
      this.deps.log.info('cache lookup', { cache: result.outcome, namespace: this.namespace });
      return result;
    } catch (error) {
      if (error instanceof CacheUnavailableError) this.deps.log.info('cache lookup', { cache: 'unavailable', namespace: this.namespace });
      throw error;
    }
  }

  private async lookup<T>(key: string, load: () => Promise<T>): Promise<SwrResult<T>> {
    const { kv, clock } = this.deps;
    const [entry, failure, generation] = await Promise.all([
      kv.get<CacheEntry<T>>(this.keys.entry(key)),
      kv.get<CacheFailure>(this.keys.failure(key)),
      this.generation(),
    ]);
    const age = entry && entry.generation === generation ? clock.now().getTime() - entry.refreshedAt : Infinity;
    if (entry && age < this.settings.freshMs) {
      this.count('hits');
      return this.answer(entry, failure, 'hit');
    }
    if (entry && age < this.settings.freshMs + this.settings.staleMs) {
      this.count('staleServes');
      this.refreshInBackground(key, load, entry, failure, generation);
      return this.answer(entry, failure, 'stale');
    }
    this.count('misses');
    return this.loadShared(key, load, entry, failure);
  }

  /** Makes every cached value of this namespace unusable as a live answer; they remain as fallbacks. */
  async invalidate(): Promise<number> {
    return this.deps.kv.increment(this.keys.generation);
  }

  /** Resolves when every background refresh this process started has finished. */
  async settled(): Promise<void> {
    while (this.refreshing.size > 0) await Promise.allSettled([...this.refreshing.values()]);
  }

  private async generation(): Promise<number> {
    return Number((await this.deps.kv.get<number>(this.keys.generation)) ?? 0);
  }

  private answer<T>(entry: CacheEntry<T>, failure: CacheFailure | null, outcome: CacheOutcome): SwrResult<T> {
    const degraded = failure !== null && failure.at >= entry.refreshedAt;
    return {
      value: entry.value,
      mode: degraded || outcome === 'fallback' ? 'degraded' : 'live',
      outcome,
      refreshedAt: new Date(entry.refreshedAt),
      loadMs: entry.loadMs,
      ...(failure && (degraded || outcome === 'fallback') ? { error: { message: failure.message, at: new Date(failure.at) } } : {}),
    };
  }

  private recentlyFailed(failure: CacheFailure | null): boolean {
    return failure !== null && this.deps.clock.now().getTime() - failure.at < this.settings.retryAfterFailureMs;
  }

  /** A load of a missing or expired key, shared by every caller in this process. */
  private loadShared<T>(key: string, load: () => Promise<T>, previous: CacheEntry<T> | null, failure: CacheFailure | null): Promise<SwrResult<T>> {
    const running = this.loading.get(key) as Promise<SwrResult<T>> | undefined;
    if (running) return running;
    const started = this.loadOrWait(key, load, previous, failure).finally(() => this.loading.delete(key));
    this.loading.set(key, started as Promise<SwrResult<unknown>>);
    return started;
  }

  /**
   * Loads under the kv lock, or, when another instance holds it, waits for that instance's value or failure. Falls
   * back to the previous value (degraded) when the load fails, and fails only when there is none.
   */
  private async loadOrWait<T>(key: string, load: () => Promise<T>, previous: CacheEntry<T> | null, seenFailure: CacheFailure | null): Promise<SwrResult<T>> {
    const { kv } = this.deps;
    const fallback = (failure: CacheFailure): SwrResult<T> => {
      if (!previous) throw new CacheUnavailableError(key, { message: failure.message, at: new Date(failure.at) });
      this.count('fallbacks');
      return this.answer(previous, failure, 'fallback');
    };
    if (seenFailure && this.recentlyFailed(seenFailure)) return fallback(seenFailure);

    const giveUpAt = performance.now() + this.settings.lockMs + 1_000;
    for (;;) {
      const generation = await this.generation();
      const token = await kv.acquireLock(this.keys.lock(key), this.settings.lockMs);
      if (token) {
        try {
          // Another instance may have stored a value between our read and our lock.
          const current = await kv.get<CacheEntry<T>>(this.keys.entry(key));
          if (current && current.version !== previous?.version && this.usable(current, generation)) return this.answer(current, null, 'miss');
          return this.answer(await this.loadAndStore(key, load, generation), null, 'miss');
        } catch (error) {
          return fallback(await this.recordFailure(key, error));
        } finally {
          await kv.releaseLock(this.keys.lock(key), token);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.settings.pollMs));
      const [current, failure] = await Promise.all([kv.get<CacheEntry<T>>(this.keys.entry(key)), kv.get<CacheFailure>(this.keys.failure(key))]);
      if (current && current.version !== previous?.version && this.usable(current, await this.generation())) return this.answer(current, failure, 'miss');
      if (failure && failure.id !== seenFailure?.id) return fallback(failure);
      if (performance.now() > giveUpAt) {
        return fallback({ id: randomUUID(), message: `no value within ${this.settings.lockMs} ms while another instance loaded it`, at: this.deps.clock.now().getTime() });
      }
    }
  }

  private usable(entry: CacheEntry<unknown>, generation: number): boolean {
    return entry.generation === generation && this.deps.clock.now().getTime() - entry.refreshedAt < this.settings.freshMs + this.settings.staleMs;
  }

  /** Starts one refresh of a stale key unless one is running (here, or anywhere: the kv lock) or it just failed. */
  private refreshInBackground<T>(key: string, load: () => Promise<T>, entry: CacheEntry<T>, failure: CacheFailure | null, generation: number): void {
    if (this.refreshing.has(key) || (failure && failure.at >= entry.refreshedAt && this.recentlyFailed(failure))) return;
    const refresh = (async () => {
      const token = await this.deps.kv.acquireLock(this.keys.lock(key), this.settings.lockMs);
      if (!token) return;
      try {
        this.count('refreshes');
        await this.loadAndStore(key, load, generation);
      } catch (error) {
        await this.recordFailure(key, error);
      } finally {
        await this.deps.kv.releaseLock(this.keys.lock(key), token);
      }
    })()
      .catch((error) => this.deps.log.error('cache refresh failed to run', { namespace: this.namespace, key, error }))
      .finally(() => this.refreshing.delete(key));
    this.refreshing.set(key, refresh);
  }

  private async loadAndStore<T>(key: string, load: () => Promise<T>, generation: number): Promise<CacheEntry<T>> {
    const { kv, clock } = this.deps;
    const refreshedAt = clock.now().getTime();
    const started = performance.now();
    this.count('loads');
    const value = await load();
    const entry: CacheEntry<T> = { value, refreshedAt, loadMs: Math.round(performance.now() - started), version: randomUUID(), generation };
    await kv.set(this.keys.entry(key), entry, { ttlMs: this.settings.retainMs });
    await Promise.all([
      kv.del(this.keys.failure(key)),
      kv.set(this.keys.lastRefresh, { at: refreshedAt, key, loadMs: entry.loadMs }, { ttlMs: this.settings.retainMs }),
    ]);
    return entry;
  }

  private async recordFailure(key: string, error: unknown): Promise<CacheFailure> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    const failure: CacheFailure = { id: randomUUID(), message, at: this.deps.clock.now().getTime() };
    this.count('errors');
    this.deps.log.warn('cache load failed; serving the last good value where there is one', { namespace: this.namespace, key, error: message });
    await Promise.all([
      this.deps.kv.set(this.keys.failure(key), failure, { ttlMs: this.settings.retainMs }),
      this.deps.kv.set(this.keys.lastError, { at: failure.at, key, message }, { ttlMs: this.settings.retainMs }),
    ]);
    return failure;
  }

  /** Counters are best effort and never delay or fail an answer. */
  private count(counter: CacheCounter): void {
    countCacheEvent(this.deps.kv, this.namespace, counter, this.deps.clock.now()).catch((error) =>
      this.deps.log.warn('cache counter not updated', { namespace: this.namespace, counter, error: (error as Error).message }),
    );
  }
}
