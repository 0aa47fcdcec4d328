import { defineTable, defineView } from './define';

/**
 * The raffle ledger: one row per change of a draw (created, updated, drawn, cancelled, refunds settled), never
 * overwritten; each row is the whole record after the change, so the current state is the latest row. `event_id` is
 * `<raffle_id>:<seq>`, so two writers racing to make the same next change collide and only one is recorded.
 * Status (scheduled, open, closed) is derived from the clock; drawn and cancelled come from events.
 */
export const raffleEvents = defineTable({
  dataset: 'commerce',
  name: 'raffle_events',
  description: 'Raffles and sweepstakes (append-only); each row is the full record after the change',
  columns: {
    event_id: { type: 'STRING', required: true, description: '<raffle_id>:<seq>' },
    raffle_id: { type: 'STRING', required: true, description: 'raf_… id' },
    seq: { type: 'INT64', required: true, description: '1 at creation, then one more per change' },
    event_type: { type: 'STRING', required: true, description: 'created | updated | drawn | cancelled | refunds_settled' },
    kind: { type: 'STRING', required: true, description: 'charitable_raffle | sweepstakes' },
    jurisdiction: { type: 'STRING', required: true, description: 'The jurisdiction profile the draw was checked against (TX)' },
    title: { type: 'STRING', required: true, description: 'Title shown to entrants' },
    prize_description: { type: 'STRING', required: true, description: 'What is won' },
    prize_value_cents: { type: 'INT64', required: true, description: 'Retail value of the prize in cents' },
    prize_kind: { type: 'STRING', required: true, description: 'goods | service | experience (cash is refused)' },
    ticket_price_cents: { type: 'INT64', description: 'Price of one ticket (charitable raffles; null for sweepstakes)' },
    organization: { type: 'STRING', description: 'The qualified organization running a charitable raffle' },
    registration_id: { type: 'STRING', description: 'Its registration (e.g. IRS EIN or state charity number)' },
    max_tickets: { type: 'INT64', required: true, description: 'Cap on tickets (or free entries)' },
    max_tickets_per_customer: { type: 'INT64', required: true, description: 'Per-customer limit (1 for sweepstakes)' },
    winners: { type: 'INT64', required: true, description: 'Number of winners drawn' },
    runners_up: { type: 'INT64', required: true, description: 'Number of ordered runners-up drawn after them' },
    entries_open_at: { type: 'TIMESTAMP', required: true, description: 'Entries open' },
    entries_close_at: { type: 'TIMESTAMP', required: true, description: 'Entries close' },
    draw_at: { type: 'TIMESTAMP', required: true, description: 'Earliest draw time; the beacon round is the first at or after it' },
    official_rules: { type: 'STRING', required: true, description: 'Official rules text as published' },
    commitment: { type: 'STRING', required: true, description: 'Hex SHA-256 of the secret seed, published at creation' },
    seed_sealed: { type: 'STRING', required: true, description: 'The 32-byte seed, AES-256-GCM sealed under a key from the secret port, bound to raffle_id' },
    beacon_source: { type: 'STRING', required: true, description: 'Beacon chain hash (drand quicknet, or the local beacon), or none' },
    beacon_round: { type: 'INT64', description: 'The announced beacon round (null when no beacon is configured)' },
    seed_hex: { type: 'STRING', description: 'The seed, revealed by the draw' },
    manifest_hash: { type: 'STRING', description: 'Hex SHA-256 of the frozen manifest' },
    manifest_tickets: { type: 'INT64', description: 'Tickets in the frozen manifest' },
    beacon_randomness: { type: 'STRING', description: 'The round randomness used ("" with no beacon)' },
    beacon_signature: { type: 'STRING', description: 'The round signature, verified before use' },
    picks: { type: 'JSON', description: 'Winners and runners-up: [{ticketNumber, entryRef}] each' },
    cancel_reason: { type: 'STRING', description: 'Why it was cancelled' },
    actor: { type: 'STRING', required: true, description: 'admin:<id> | jobs' },
    occurred_at: { type: 'TIMESTAMP', required: true, description: 'When the change was made' },
  },
  primaryKey: ['event_id'],
  partitionBy: 'occurred_at',
  clusterBy: ['raffle_id', 'event_type'],
});

/** Current state of every raffle: its latest ledger row. */
export const rafflesCurrent = defineView({
  dataset: 'commerce',
  name: 'raffles_current',
  description: 'Current state per raffle (latest row of commerce.raffle_events)',
  dependsOn: [raffleEvents.id],
  sql: (d) => `SELECT ${Object.keys(raffleEvents.columns).join(', ')}
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY raffle_id ORDER BY seq DESC) AS position
  FROM ${d.table(raffleEvents)}
) AS events
WHERE position = 1`,
});

/**
 * Raffle entries (append-only): each entry's tickets are reserved (held while it is paid for), then confirmed or
 * released, and a confirmed one may later be refunded. One row per step, keyed `<entry_id>:<status>`.
 */
export const raffleEntries = defineTable({
  dataset: 'commerce',
  name: 'raffle_entries',
  description: 'Raffle entries (append-only): reserved, confirmed, released, refunded; ticket runs and opaque entry refs',
  columns: {
    row_id: { type: 'STRING', required: true, description: '<entry_id>:<status>' },
    entry_id: { type: 'STRING', required: true, description: 'ent_… id (one purchase or free entry)' },
    raffle_id: { type: 'STRING', required: true, description: 'Raffle id' },
    customer_id: { type: 'STRING', required: true, description: 'Customer id' },
    entry_ref: { type: 'STRING', required: true, description: 'Opaque reference published in the draw manifest (reveals no customer)' },
    method: { type: 'STRING', required: true, description: 'paid | free' },
    status: { type: 'STRING', required: true, description: 'reserved | confirmed | released | refunded' },
    first_ticket: { type: 'INT64', required: true, description: 'First ticket number of the run' },
    last_ticket: { type: 'INT64', required: true, description: 'Last ticket number of the run' },
    amount_cents: { type: 'INT64', required: true, description: 'What the entry costs (0 for free entries)' },
    payment_id: { type: 'STRING', description: 'Payment (gateway invoice number) paying for it' },
    reason: { type: 'STRING', description: 'Why it was released or refunded' },
    occurred_at: { type: 'TIMESTAMP', required: true, description: 'When this step happened' },
  },
  primaryKey: ['row_id'],
  partitionBy: 'occurred_at',
  clusterBy: ['raffle_id', 'customer_id', 'status'],
});

/** Every entry's latest step: what it holds now. */
export const raffleEntriesCurrent = defineView({
  dataset: 'commerce',
  name: 'raffle_entries_current',
  description: 'Current state per raffle entry (latest row of commerce.raffle_entries)',
  dependsOn: [raffleEntries.id],
  sql: (d) => `SELECT ${Object.keys(raffleEntries.columns).join(', ')}
FROM (
  SELECT *, ROW_NUMBER() OVER (
    PARTITION BY entry_id
    ORDER BY CASE status WHEN 'reserved' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END DESC, occurred_at DESC
  ) AS position
  FROM ${d.table(raffleEntries)}
) AS steps
WHERE position = 1`,
});

/**
 * Money moved for raffle entries (append-only): each charge, void and refund with the gateway's ids, and the IP and
 * user agent of the request that made it (refunds made by the system carry none).
 */
export const raffleTransactions = defineTable({
  dataset: 'commerce',
  name: 'raffle_transactions',
  description: 'Raffle charges, voids and refunds (append-only) with gateway ids, IP and user agent',
  columns: {
    transaction_row_id: { type: 'STRING', required: true, description: '<entry_id>:<type>:<gateway transaction id or attempt>' },
    raffle_id: { type: 'STRING', required: true, description: 'Raffle id' },
    entry_id: { type: 'STRING', required: true, description: 'Entry paid for' },
    customer_id: { type: 'STRING', required: true, description: 'Customer id' },
    type: { type: 'STRING', required: true, description: 'charge | void | refund | refund_failed' },
    amount_cents: { type: 'INT64', required: true, description: 'Amount in cents' },
    payment_id: { type: 'STRING', required: true, description: 'Our payment id (gateway invoice number)' },
    gateway: { type: 'STRING', required: true, description: 'authorize-net' },
    gateway_transaction_id: { type: 'STRING', description: 'The gateway transaction (for void: the voided charge; refund: the refund)' },
    charge_transaction_id: { type: 'STRING', description: 'The charge a void or refund reverses' },
    auth_code: { type: 'STRING', description: 'Authorization code of a charge' },
    card_last4: { type: 'STRING', description: 'Last four digits of the card' },
    card_type: { type: 'STRING', description: 'Card brand' },
    reason: { type: 'STRING', description: 'Gateway reason or why a reversal was made' },
    ip: { type: 'STRING', description: 'Client IP of the purchase request' },
    user_agent: { type: 'STRING', description: 'User agent of the purchase request' },
    occurred_at: { type: 'TIMESTAMP', required: true, description: 'When it happened' },
  },
  primaryKey: ['transaction_row_id'],
  partitionBy: 'occurred_at',
  clusterBy: ['raffle_id', 'entry_id', 'type'],
});
