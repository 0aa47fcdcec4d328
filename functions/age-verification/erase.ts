import { cacheNoVerification, queryCurrentVerification } from '@shared/age-check/current-verification';
import type { Runtime } from '@shared/runtime';
import { failedAttemptsKey } from './attempt-limit';
import { standingClaimKey } from './standing-claim';
import { appendVerificationEnd } from './verification-store';
import { ageVerificationAttempts, ageVerifications } from '@shared/warehouse/schema/age-verification';

/** What an erasure did. */
export interface ErasureResult {
  customerId: string;
  erased: true;
  erasedAt: string;
  /** Ledger rows whose hashes, sealed digits, IP and user agent were removed. */
  verificationRecordsScrubbed: number;
  /** Attempt rows detached from the customer; they remain as anonymous counts. */
  attemptsAnonymized: number;
}

/**
 * Erases a customer's personal data from the age-verification records.
 *
 * The ledger is append-only for business history, so the erasure is first an `erased` event: the current-state view and
 * every read see the customer as unverified from that moment, and the audit trail says who erased when. An event
 * cannot remove values already written, though, and the law asks for exactly that; so this is the one place that
 * rewrites ledger rows, with a DML UPDATE that nulls the personal columns of the customer's rows (hashes, sealed
 * digits, IP, user agent) and detaches their attempts (customer id nulled), leaving anonymous rows that still count.
 * BigQuery accepts the UPDATE because the warehouse never streams rows (load + MERGE, no streaming buffer); the old
 * values survive only in its time-travel and fail-safe storage, which expire on their own (7 + 7 days at most).
 * Idempotent: erasing again (or erasing a customer never seen) removes nothing and records no event, so the
 * compliance metrics count only erasures that removed something.
 */
export async function eraseCustomer(rt: Runtime, customerId: string, actor: string): Promise<ErasureResult> {
  const erasedAt = rt.clock.now().toISOString();
  const params = { params: { customerId } };
  const [current, [{ scrub }], [{ attempts }]] = await Promise.all([
    queryCurrentVerification(rt, customerId),
    rt.warehouse.query<{ scrub: number }>(
      (d) => `SELECT COUNT(*) AS scrub FROM ${d.table(ageVerifications)}
WHERE customer_id = ${d.param('customerId')}
  AND (name_hash IS NOT NULL OR birth_date_hash IS NOT NULL OR id_last4_sealed IS NOT NULL OR ip_address IS NOT NULL OR user_agent IS NOT NULL)`,
      params,
    ),
    rt.warehouse.query<{ attempts: number }>(
      (d) => `SELECT COUNT(*) AS attempts FROM ${d.table(ageVerificationAttempts)} WHERE customer_id = ${d.param('customerId')}`,
      params,
    ),
  ]);
  const result = { customerId, erased: true as const, erasedAt, verificationRecordsScrubbed: Number(scrub), attemptsAnonymized: Number(attempts) };
  await Promise.all([rt.kv.del(failedAttemptsKey(customerId)), rt.kv.del(standingClaimKey(customerId))]);
  // Nothing of the customer left (never seen, or erased before): no event, so compliance counts only real erasures.
  if (!current && result.verificationRecordsScrubbed === 0 && result.attemptsAnonymized === 0) return result;

  await appendVerificationEnd(rt, {
    event_type: 'erased',
    customer_id: customerId,
    verification_id: current?.verificationId ?? null,
    reason_code: 'ADMIN_ERASURE',
    actor,
    ip_address: null,
    user_agent: null,
    recorded_at: erasedAt,
  });
  await cacheNoVerification(rt, customerId);
  await rt.warehouse.query(
    (d) => `UPDATE ${d.table(ageVerifications)}
SET name_hash = NULL, birth_date_hash = NULL, id_last4_sealed = NULL, ip_address = NULL, user_agent = NULL
WHERE customer_id = ${d.param('customerId')}`,
    params,
  );
  await rt.warehouse.query(
    (d) => `UPDATE ${d.table(ageVerificationAttempts)}
SET customer_id = NULL, ip_address = NULL, user_agent = NULL
WHERE customer_id = ${d.param('customerId')}`,
    params,
  );
  return result;
}
