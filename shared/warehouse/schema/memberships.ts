import { defineTable, defineView } from './define';

/**
 * The membership ledger: one row per change, never overwritten. Each row is the whole state of the membership after
 * the change (so the current state is simply the latest row), plus what changed it and any charge it made.
 * `event_id` is `<membership_id>:<seq>`, so two writers racing to make the same next change collide on the key and
 * only one of them is recorded.
 */
export const membershipEvents = defineTable({
  dataset: 'commerce',
  name: 'membership_events',
  description: 'Membership changes (append-only); each row is the full state after the change',
  columns: {
    event_id: { type: 'STRING', required: true, description: '<membership_id>:<seq>' },
    membership_id: { type: 'STRING', required: true, description: 'mem_… id' },
    seq: { type: 'INT64', required: true, description: '1 for the subscription, then one more per change' },
    customer_id: { type: 'STRING', required: true, description: 'Customer id' },
    event_type: {
      type: 'STRING',
      required: true,
      description:
        'subscribed | upgraded | downgrade_scheduled | cancel_requested | payment_method_updated | renewed | renewal_failed | retry_failed | suspended | recovered | cancelled',
    },
    status: { type: 'STRING', required: true, description: 'active | past_due | suspended | cancelled, after the change' },
    tier: { type: 'STRING', required: true, description: 'BRONZE | SILVER | GOLD: the tier whose benefits apply now' },
    price_cents: { type: 'INT64', required: true, description: 'Monthly price of that tier in cents' },
    pending_tier: { type: 'STRING', description: 'A downgrade that takes effect at the next renewal' },
    billing_anchor: { type: 'TIMESTAMP', required: true, description: 'Periods end whole calendar months after this, in the business time zone' },
    period_start: { type: 'TIMESTAMP', required: true, description: 'Start of the current paid period' },
    period_end: { type: 'TIMESTAMP', required: true, description: 'End of the current paid period: the next billing date' },
    cancel_at_period_end: { type: 'BOOL', required: true, description: 'Cancelled by the customer; benefits run to period_end' },
    cancel_reason: { type: 'STRING', description: 'The reason given when cancelling (or payment_failed)' },
    failed_attempts: { type: 'INT64', required: true, description: 'Failed charges for the current renewal (0 when paid up)' },
    past_due_since: { type: 'TIMESTAMP', description: 'When the renewal first failed; dunning days count from here' },
    payment_token_sealed: {
      type: 'STRING',
      description: 'Retired, always null in new rows: card tokens are single-use, so renewals charge the gateway profile instead',
    },
    card_last4: { type: 'STRING', description: 'Last four digits of the card as the gateway masks it' },
    card_type: { type: 'STRING', description: 'Card brand as the gateway reports it' },
    email_sealed: { type: 'STRING', description: 'Contact email, AES-256-GCM sealed and bound to membership_id' },
    amount_cents: { type: 'INT64', description: 'What this change charged, in cents (null when it charged nothing)' },
    transaction_id: { type: 'STRING', description: 'Gateway transaction of that charge (see commerce.payments_taken)' },
    started_at: { type: 'TIMESTAMP', required: true, description: 'When the membership began' },
    ended_at: { type: 'TIMESTAMP', description: 'When it ended (status cancelled)' },
    actor: { type: 'STRING', required: true, description: 'customer:<id> | admin:<id> | billing' },
    occurred_at: { type: 'TIMESTAMP', required: true, description: 'When the change was made' },
    // Added after the table existed: new columns go last, where BigQuery adds them in place.
    gateway_customer_profile_id: {
      type: 'STRING',
      description: 'Gateway customer profile holding the card that renewals charge (an id, not card data); null when none is on file',
    },
    gateway_payment_profile_id: { type: 'STRING', description: 'The payment profile (stored card) within that customer profile' },
  },
  primaryKey: ['event_id'],
  partitionBy: 'occurred_at',
  clusterBy: ['customer_id', 'membership_id', 'event_type'],
});

/** The current state of every membership: its latest ledger row. */
export const membershipsCurrent = defineView({
  dataset: 'commerce',
  name: 'memberships_current',
  description: 'Current state per membership (latest row of commerce.membership_events)',
  dependsOn: [membershipEvents.id],
  sql: (d) => `SELECT ${Object.keys(membershipEvents.columns).join(', ')}
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY membership_id ORDER BY seq DESC) AS position
  FROM ${d.table(membershipEvents)}
) AS events
WHERE position = 1`,
});

/**
 * Every payment this system asked a gateway for, as an append-only ledger: the attempt is written before the gateway
 * is called, then its outcome, then any void or refund, each with the gateway's transaction id. No charge can exist
 * without at least its attempt row here.
 */
export const paymentsTaken = defineTable({
  dataset: 'commerce',
  name: 'payments_taken',
  description: 'Gateway payments (append-only): attempt, outcome, void or refund, with gateway transaction ids',
  columns: {
    entry_id: { type: 'STRING', required: true, description: '<payment_id>:<status>:<transaction id or ->' },
    payment_id: { type: 'STRING', required: true, description: 'Our reference, sent to the gateway as the invoice number' },
    status: {
      type: 'STRING',
      required: true,
      description: 'attempted | approved | declined | held_for_review | error | unknown | voided | refunded | reversal_failed',
    },
    gateway: { type: 'STRING', required: true, description: 'authorize-net' },
    transaction_id: { type: 'STRING', description: 'Gateway transaction id (for refunded: the refund transaction)' },
    charge_transaction_id: { type: 'STRING', description: 'For voided, refunded and reversal_failed: the charge reversed' },
    customer_id: { type: 'STRING', required: true, description: 'Customer id' },
    purpose: { type: 'STRING', required: true, description: 'membership.subscribe | membership.upgrade | membership.renewal | membership.recovery | …' },
    subject_id: { type: 'STRING', description: 'What was paid for (membership id, raffle id…)' },
    amount_cents: { type: 'INT64', required: true, description: 'Amount in cents' },
    reason_code: { type: 'STRING', description: 'Gateway reason code' },
    reason: { type: 'STRING', description: 'Gateway reason text, or why we reversed' },
    card_last4: { type: 'STRING', description: 'Last four digits of the card' },
    card_type: { type: 'STRING', description: 'Card brand' },
    reconciled: { type: 'BOOL', required: true, description: 'Outcome learnt after a lost answer or duplicate, not from the first answer' },
    recorded_at: { type: 'TIMESTAMP', required: true, description: 'When this row was written' },
  },
  primaryKey: ['entry_id'],
  partitionBy: 'recorded_at',
  clusterBy: ['customer_id', 'purpose', 'status'],
});
