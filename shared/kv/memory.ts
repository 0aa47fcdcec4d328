import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { type PoolSeed, type PoolState, type PoolTake, type PoolTakeResult, poolStateOf, returnToPool, takeFromPool } from './number-pool';
import type { Kv } from './port';

interface Entry {
  value: unknown;
  expiresAt: number | null;
}

/**
 * The in-process kv adapter. Each method reads and writes in one synchronous step before its first await, which is
 * what makes it atomic within a Node process.
 */
export class MemoryKv implements Kv {
  readonly backend = 'memory' as const;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock = systemClock) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(ttlMs?: number): number | null {
    return ttlMs && ttlMs > 0 ? this.clock.now().getTime() + ttlMs : null;
  }

  async get<T>(key: string): Promise<T | null> {
    const entry = this.live(key);
    return entry ? (structuredClone(entry.value) as T) : null;
  }

  async set(key: string, value: unknown, options: { ttlMs?: number } = {}): Promise<void> {
    this.entries.set(key, { value: structuredClone(value), expiresAt: this.expiry(options.ttlMs) });
  }

  async setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value: structuredClone(value), expiresAt: this.expiry(ttlMs) });
    return true;
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, options: { by?: number; ttlMs?: number } = {}): Promise<number> {
    const entry = this.live(key);
    const next = Number(entry?.value ?? 0) + (options.by ?? 1);
    this.entries.set(key, { value: next, expiresAt: entry ? entry.expiresAt : this.expiry(options.ttlMs) });
    return next;
  }

  async ttlMs(key: string): Promise<number | null> {
    const entry = this.live(key);
    if (!entry || entry.expiresAt === null) return null;
    return entry.expiresAt - this.clock.now().getTime();
  }

  async reserve(key: string, count: number, cap: number): Promise<{ first: number; last: number } | null> {
    const entry = this.live(key);
    const current = Number(entry?.value ?? 0);
    if (count < 1 || current + count > cap) return null;
    this.entries.set(key, { value: current + count, expiresAt: entry?.expiresAt ?? null });
    return { first: current + 1, last: current + count };
  }

  async takeNumbers(pool: string, take: PoolTake): Promise<PoolTakeResult> {
    const entry = this.live(pool);
    if (!entry) return { status: 'missing' };
    return takeFromPool(entry.value as PoolState, take);
  }

  async returnNumbers(pool: string, claim: string): Promise<boolean> {
    const entry = this.live(pool);
    return entry ? returnToPool(entry.value as PoolState, claim) : false;
  }

  async seedNumbers(pool: string, seed: PoolSeed): Promise<boolean> {
    if (this.live(pool)) return false;
    this.entries.set(pool, { value: poolStateOf(seed), expiresAt: null });
    return true;
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    return (await this.setIfAbsent(key, token, ttlMs)) ? token : null;
  }

  async releaseLock(key: string, token: string): Promise<boolean> {
    if (this.live(key)?.value !== token) return false;
    this.entries.delete(key);
    return true;
  }

  async ping(): Promise<void> {}
}
