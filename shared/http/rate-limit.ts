import type { Kv } from '../kv/port';
import { HttpError } from './errors';

export interface RateLimit {
  /** Names the counter: requests of different classes count separately. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * A fixed-window limit counted atomically in kv, so it holds across instances. Over the limit: 429 with Retry-After
 * set to the seconds left in the window.
 */
export async function enforceRateLimit(kv: Kv, rule: RateLimit, subject: string, nowMs: number): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  const count = await kv.increment(`ratelimit:${rule.name}:${subject}:${windowStart}`, { ttlMs: windowMs + 1000 });
  if (count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000));
    throw new HttpError(429, 'RATE_LIMITED', 'Too many requests', {
      details: { limit: rule.limit, windowSeconds: rule.windowSeconds, retryAfterSeconds: retryAfter },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}
