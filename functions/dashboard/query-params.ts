import { z } from 'zod';
import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import { LIVE_CACHE } from './live-source';

/** ?locationId=…: one location's figures (a Square location id or a Lightspeed shop id); absent for every location. */
const locationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a location id: 1 to 64 letters, digits, - or _')
  .optional();

/** ?locationId=… on the dashboard. */
export const dashboardQuery = z.object({ locationId });

/** ?period=daily|monthly&days=N (defaults daily, 30); days between 1 and ten years; ?locationId=… as on the dashboard. */
export const historicalQuery = z.object({
  period: z.enum(['daily', 'monthly']).default('daily'),
  days: z.coerce.number().int().min(1).max(3660).default(30),
  locationId,
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
