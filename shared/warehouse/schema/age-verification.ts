import { defineTable, defineView } from './define';

/**
 * The age-verification ledger: one row per event in a customer's verification history, never overwritten.
 * `verified` starts a verification; `revoked` (a failed resubmission or contradicting claim) and `erased` (an admin erasure) end it.
 * Personal data is never stored in the clear: name and birth date only as keyed hashes, the ID digits sealed.
 */
export const ageVerifications = defineTable({
  dataset: 'commerce',
  name: 'age_verifications',
  description: 'Age verification events (append-only): verified, revoked, erased; personal fields hashed or sealed',
  columns: {
    event_id: { type: 'STRING', required: true, description: 'Event id' },
    event_type: { type: 'STRING', required: true, description: 'verified | revoked | erased' },
    customer_id: { type: 'STRING', required: true, description: 'Customer id' },
    verification_id: { type: 'STRING', description: 'av_… id: the verification this event starts or ends' },
    method: { type: 'STRING', description: 'full_verification' },
    provider: { type: 'STRING', description: 'Verification method behind it: self_attestation (a document provider later)' },
    name_hash: { type: 'STRING', description: 'Keyed hash (HMAC-SHA256, pepper) of the normalized full name; null once erased' },
    birth_date_hash: { type: 'STRING', description: 'Keyed hash (HMAC-SHA256, pepper) of the birth date; null once erased' },
    id_last4_sealed: { type: 'STRING', description: 'Last four ID digits, AES-256-GCM under a versioned key, bound to verification_id; null once erased' },
    key_version: { type: 'INT64', description: 'Version of the key that sealed id_last4_sealed' },
    state: { type: 'STRING', description: 'US state code (50 states and DC)' },
    age: { type: 'INT64', description: 'Age in whole years at verification, in the business time zone' },
    verified_at: { type: 'TIMESTAMP', description: 'When the verification was granted' },
    expires_at: { type: 'TIMESTAMP', description: 'When it lapses (365 days after verified_at)' },
    reason_code: { type: 'STRING', description: 'Why a verification ended: FAILED_RESUBMISSION, CONTRADICTING_CLAIM, ADMIN_ERASURE' },
    actor: { type: 'STRING', description: 'Who caused the event: customer or admin:<id>' },
    ip_address: { type: 'STRING', description: 'Client IP of the request; null once erased' },
    user_agent: { type: 'STRING', description: 'Client user agent of the request; null once erased' },
    recorded_at: { type: 'TIMESTAMP', required: true, description: 'When the event was recorded' },
  },
  primaryKey: ['event_id'],
  partitionBy: 'recorded_at',
  clusterBy: ['customer_id', 'event_type'],
});

/**
 * Every verification attempt, for the audit trail and the attempt limit. An erasure nulls the customer id, IP and user
 * agent, so the rows stay as anonymous counts.
 */
export const ageVerificationAttempts = defineTable({
  dataset: 'commerce',
  name: 'age_verification_attempts',
  description: 'Age verification attempts (append-only): outcome and reason, anonymous once the customer is erased',
  columns: {
    attempt_id: { type: 'STRING', required: true, description: 'Attempt id' },
    customer_id: { type: 'STRING', description: 'Customer id; null once the customer is erased' },
    kind: { type: 'STRING', required: true, description: 'verify | resubmit' },
    outcome: { type: 'STRING', required: true, description: 'passed | failed | refused (over the attempt limit, not evaluated)' },
    reason_code: { type: 'STRING', description: 'Why it failed: UNDER_AGE, OVER_MAX_AGE, FUTURE_BIRTH_DATE, TOO_MANY_ATTEMPTS' },
    verification_id: { type: 'STRING', description: 'The verification a passing attempt created' },
    method: { type: 'STRING', description: 'full_verification' },
    provider: { type: 'STRING', description: 'Verification method: self_attestation' },
    state: { type: 'STRING', description: 'US state code claimed' },
    age: { type: 'INT64', description: 'Age the claim works out to, in the business time zone' },
    ip_address: { type: 'STRING', description: 'Client IP; null once erased' },
    user_agent: { type: 'STRING', description: 'Client user agent; null once erased' },
    attempted_at: { type: 'TIMESTAMP', required: true, description: 'When the attempt was made' },
  },
  primaryKey: ['attempt_id'],
  partitionBy: 'attempted_at',
  clusterBy: ['customer_id', 'outcome'],
});

/**
 * The current verification of each customer: the latest ledger event, kept only when it is a grant. A later revocation
 * or erasure therefore hides it. Personal columns are left out. On a tie the ending event wins.
 */
export const ageVerificationCurrent = defineView({
  dataset: 'commerce',
  name: 'age_verification_current',
  description: 'Current age verification per customer (latest event, when it is a grant); no personal columns',
  dependsOn: [ageVerifications.id],
  sql: (d) => `SELECT customer_id, verification_id, method, provider, state, age, key_version, verified_at, expires_at, recorded_at
FROM (
  SELECT customer_id, verification_id, event_type, method, provider, state, age, key_version, verified_at, expires_at, recorded_at,
    ROW_NUMBER() OVER (
      PARTITION BY customer_id
      ORDER BY recorded_at DESC, CASE event_type WHEN 'verified' THEN 1 ELSE 0 END ASC, event_id DESC
    ) AS position
  FROM ${d.table(ageVerifications)}
) AS events
WHERE position = 1 AND event_type = 'verified'`,
});
