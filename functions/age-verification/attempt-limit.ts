import { DAY_MS } from '@shared/calendar';
import type { Runtime } from '@shared/runtime';
import { recentFailures } from './verification-store';

/** Failed attempts allowed per customer in the window; the next one is refused with 429. */
export const MAX_FAILED_ATTEMPTS = 3;
/** The window failed attempts are counted over. */
export const ATTEMPT_WINDOW_MS = DAY_MS;

/** The kv counter of a customer's failed (and in-flight) attempts. */
export function failedAttemptsKey(customerId: string): string {
  return `age-verification:failures:${customerId}`;
}

/** A slot to evaluate one attempt, or a refusal with the time the window resets. */
export type AttemptReservation =
  | {
      granted: true;
      /** How many failures, this attempt included, the window holds if this one fails. */
      slot: number;
      /** Gives the slot back: the attempt passed, so it is not a failure. */
      release(): Promise<void>;
    }
  | { granted: false; resetAt: string };

/**
 * Makes sure the kv counter exists: one missing from kv (expired window, lost cache) is rebuilt from the attempts
 * table, so the window then slides over the failures of the last 24 hours, expiring when the oldest leaves it.
 */
export async function ensureAttemptCounter(rt: Runtime, customerId: string): Promise<void> {
  const key = failedAttemptsKey(customerId);
  if ((await rt.kv.get(key)) !== null) return;
  const now = rt.clock.now().getTime();
  const { count, oldest } = await recentFailures(rt, customerId, new Date(now - ATTEMPT_WINDOW_MS));
  const ttlMs = oldest ? Date.parse(oldest) + ATTEMPT_WINDOW_MS - now : ATTEMPT_WINDOW_MS;
  // Only if still absent: a concurrent request may have rebuilt and incremented it already.
  await rt.kv.setIfAbsent(key, count, Math.max(1, ttlMs));
}

/**
 * Reserves a slot before a claim is evaluated, by one atomic kv increment, so concurrent attempts cannot slip past the
 * limit: of 20 simultaneous failing attempts at most 3 get a slot. A passing attempt releases its slot; a failing one
 * keeps it as the failure. Call after ensureAttemptCounter.
 */
export async function takeAttemptSlot(rt: Runtime, customerId: string): Promise<AttemptReservation> {
  const key = failedAttemptsKey(customerId);
  const count = await rt.kv.increment(key, { ttlMs: ATTEMPT_WINDOW_MS });
  if (count > MAX_FAILED_ATTEMPTS) {
    const ttlMs = (await rt.kv.ttlMs(key)) ?? ATTEMPT_WINDOW_MS;
    return { granted: false, resetAt: new Date(rt.clock.now().getTime() + ttlMs).toISOString() };
  }
  return {
    granted: true,
    slot: count,
    release: async () => {
      const left = await rt.kv.increment(key, { by: -1, ttlMs: ATTEMPT_WINDOW_MS });
      // The window lapsed while this attempt was evaluated and the counter restarted: undo rather than go below zero.
      if (left < 0) await rt.kv.increment(key, { by: -left });
    },
  };
}

/** ensureAttemptCounter, then takeAttemptSlot. */
export async function reserveAttempt(rt: Runtime, customerId: string): Promise<AttemptReservation> {
  await ensureAttemptCounter(rt, customerId);
  return takeAttemptSlot(rt, customerId);
}
