import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';

/** Longer than a change can take (two gateway calls with their timeouts), so a live holder never loses it. */
const LOCK_TTL_MS = 2 * 60 * 1000;

/**
 * Runs a change to a customer's membership while holding the customer's kv lock, so that a route and the billing run
 * never charge or record on top of each other. Waits up to `waitMs` for the lock, then answers 409 MEMBERSHIP_BUSY.
 */
export async function withCustomerLock<T>(rt: Runtime, customerId: string, work: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
  const key = `membership:lock:${customerId}`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  let token = await rt.kv.acquireLock(key, LOCK_TTL_MS);
  while (!token && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    token = await rt.kv.acquireLock(key, LOCK_TTL_MS);
  }
  if (!token) {
    throw new HttpError(409, 'MEMBERSHIP_BUSY', 'This membership is being changed by another request; try again shortly', {
      headers: { 'Retry-After': '1' },
    });
  }
  try {
    return await work();
  } finally {
    await rt.kv.releaseLock(key, token).catch(() => false);
  }
}
