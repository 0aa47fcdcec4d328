import { z } from 'zod';
import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import { LIVE_CACHE } from './live-source';

/** ?period=daily|monthly&days=N (defaults daily, 30); days between 1 and ten years. */
export const historicalQuery = z.object({
  period: z.enum(['daily', 'monthly']).default('daily'),
  days: z.coerce.number().int().min(1).max(3660).default(30),
});

/** ?all=true lists unavailable items too; anything but true or false is refused rather than guessed. */
export const catalogQuery = z.object({
  all: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Which caches an invalidation clears (both by default). */
export const invalidateBody = z.object({
  scope: z.enum(['all', WAREHOUSE_CACHE, LIVE_CACHE]).default('all'),
});
