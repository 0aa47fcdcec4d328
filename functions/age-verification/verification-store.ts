import type { Runtime } from '@shared/runtime';
import { ageVerificationAttempts, ageVerificationCurrent, ageVerifications } from '@shared/warehouse/schema/age-verification';
import { newRecordId } from './ids';
import type { StandingClaim } from './standing-claim';

/** A row of the verification ledger. */
export type VerificationEventRow = typeof ageVerifications.row;
/** A row of the attempts table. */
export type AttemptRow = typeof ageVerificationAttempts.row;

/** Appends one event to the verification ledger (a retry with the same event id adds nothing). */
export async function appendVerificationEvent(rt: Runtime, row: VerificationEventRow): Promise<void> {
  await rt.warehouse.append(ageVerifications, [row]);
}

/** What an event that ends a verification records: who ended it, why and from where; nothing of the verification. */
export type VerificationEnd = Pick<
  VerificationEventRow,
  'customer_id' | 'verification_id' | 'reason_code' | 'actor' | 'ip_address' | 'user_agent' | 'recorded_at'
> & { event_type: 'revoked' | 'erased' };

/** Appends a `revoked` or `erased` event: every column describing the verification itself stays empty. */
export async function appendVerificationEnd(rt: Runtime, end: VerificationEnd): Promise<void> {
  await appendVerificationEvent(rt, {
    ...end,
    event_id: newRecordId(),
    method: null,
    provider: null,
    name_hash: null,
    birth_date_hash: null,
    id_last4_sealed: null,
    key_version: null,
    state: null,
    age: null,
    verified_at: null,
    expires_at: null,
  });
}

/** Records one attempt for the audit trail. */
export async function appendAttempt(rt: Runtime, row: AttemptRow): Promise<void> {
  await rt.warehouse.append(ageVerificationAttempts, [row]);
}

/** The customer's failed attempts since an instant, and when the oldest of them was made. */
export async function recentFailures(rt: Runtime, customerId: string, since: Date): Promise<{ count: number; oldest: string | null }> {
  const [row] = await rt.warehouse.query<{ failures: number; oldest: string | null }>(
    (d) => `SELECT COUNT(*) AS failures, MIN(attempted_at) AS oldest
FROM ${d.table(ageVerificationAttempts)}
WHERE customer_id = ${d.param('customerId')} AND outcome = 'failed' AND attempted_at >= ${d.param('since')}`,
    { params: { customerId, since } },
  );
  return { count: Number(row?.failures ?? 0), oldest: row?.oldest ?? null };
}

/** The sealed ID digits of the customer's current verification (null when there is none or it was erased). */
export async function sealedDigitsOfCurrent(rt: Runtime, customerId: string): Promise<{ verificationId: string; sealed: string | null } | null> {
  const rows = await rt.warehouse.query<{ verification_id: string; id_last4_sealed: string | null }>(
    (d) => `SELECT e.verification_id, e.id_last4_sealed
FROM ${d.table(ageVerificationCurrent)} AS c
JOIN ${d.table(ageVerifications)} AS e
  ON e.verification_id = c.verification_id AND e.customer_id = c.customer_id AND e.event_type = 'verified'
WHERE c.customer_id = ${d.param('customerId')}`,
    { params: { customerId } },
  );
  const row = rows[0];
  return row ? { verificationId: row.verification_id, sealed: row.id_last4_sealed } : null;
}

/** The keyed hashes and state a verification was granted on (null when the ledger has no such grant, or it was erased). */
export async function claimOfVerification(rt: Runtime, customerId: string, verificationId: string): Promise<StandingClaim | null> {
  const rows = await rt.warehouse.query<{ name_hash: string | null; birth_date_hash: string | null; state: string | null }>(
    (d) => `SELECT name_hash, birth_date_hash, state FROM ${d.table(ageVerifications)}
WHERE customer_id = ${d.param('customerId')} AND verification_id = ${d.param('verificationId')} AND event_type = 'verified'`,
    { params: { customerId, verificationId } },
  );
  const row = rows[0];
  return row ? { verificationId, nameHash: row.name_hash, birthDateHash: row.birth_date_hash, state: row.state } : null;
}
