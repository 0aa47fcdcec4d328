import { defineTable, defineView } from './define';

/**
 * The notification outbox: every message the product owes a customer, written once per dedupe key. A mail or SMS
 * sender drains it; the key makes "once each" hold across retries and re-runs of the daily jobs.
 */
export const notificationOutbox = defineTable({
  dataset: 'ops',
  name: 'notification_outbox',
  description: 'Notifications owed to customers, one row per dedupe key',
  columns: {
    dedupe_key: { type: 'STRING', required: true, description: 'What makes this notification unique, e.g. verification-expiry:<id>' },
    customer_id: { type: 'STRING', required: true, description: 'Recipient customer id; without email_sealed the sender finds the address in the customer\'s sealed records' },
    template: { type: 'STRING', required: true, description: 'Notice kind (shared/notify/notice-kinds.ts), which names its template' },
    data: { type: 'JSON', description: 'Template fields (no personal data)' },
    email_sealed: { type: 'STRING', description: 'The address given with this record (e.g. a raffle purchase), AES-256-GCM sealed and bound to dedupe_key' },
    created_at: { type: 'TIMESTAMP', required: true, description: 'When the notification was queued' },
  },
  primaryKey: ['dedupe_key'],
  partitionBy: 'created_at',
  clusterBy: ['template', 'customer_id'],
});

/**
 * The delivery ledger: one row per step of a notice (claimed, sent, retry later, failed, no address, suppressed,
 * queued again by an admin), never overwritten. `event_id` is `<dedupe_key>#<seq>`, so two senders recording the same
 * next step collide on the key and only one is kept. A notice's status is its latest row; none means queued.
 */
export const notificationDeliveries = defineTable({
  dataset: 'ops',
  name: 'notification_deliveries',
  description: 'Delivery steps of each notice (append-only); the latest row per dedupe_key is its status',
  columns: {
    event_id: { type: 'STRING', required: true, description: '<dedupe_key>#<seq>' },
    dedupe_key: { type: 'STRING', required: true, description: 'The notice (ops.notification_outbox.dedupe_key)' },
    seq: { type: 'INT64', required: true, description: '1 for the first step, then one more per step' },
    status: { type: 'STRING', required: true, description: 'queued | sending | sent | failed | no-address | suppressed, after this step' },
    attempts: { type: 'INT64', required: true, description: 'Sends tried since the notice was (re)queued' },
    resends: { type: 'INT64', required: true, description: 'Times an admin queued it again after it ended' },
    next_attempt_at: { type: 'TIMESTAMP', description: 'When a notice waiting after a transient failure may be tried again' },
    message_id: { type: 'STRING', description: 'Message-ID of the message sent or tried' },
    reply: { type: 'STRING', description: "The relay's reply (addresses masked), or why nothing was sent" },
    reply_code: { type: 'INT64', description: 'SMTP reply code, when the relay answered' },
    address_hash: { type: 'STRING', description: 'Keyed hash of the lower-cased address used (never the address)' },
    hard_bounce: { type: 'BOOL', description: 'The relay refused the address itself (5.1.x): later notices to it are suppressed' },
    actor: { type: 'STRING', required: true, description: 'Who made the step: job:<run id> or admin:<subject>' },
    occurred_at: { type: 'TIMESTAMP', required: true, description: 'When the step happened' },
  },
  primaryKey: ['event_id'],
  partitionBy: 'occurred_at',
  clusterBy: ['dedupe_key', 'status'],
});

/** Each notice with its current delivery status (queued when it has no delivery step yet). */
export const notificationStatus = defineView({
  dataset: 'ops',
  name: 'notification_status',
  description: 'Current delivery status per notice: the outbox joined to the latest row of ops.notification_deliveries',
  dependsOn: [notificationOutbox.id, notificationDeliveries.id],
  sql: (d) => `SELECT o.dedupe_key, o.customer_id, o.template AS kind, o.created_at,
  COALESCE(s.status, 'queued') AS status, COALESCE(s.seq, 0) AS seq, COALESCE(s.attempts, 0) AS attempts,
  COALESCE(s.resends, 0) AS resends, s.next_attempt_at, s.message_id, s.reply, s.reply_code, s.address_hash,
  s.occurred_at AS updated_at
FROM ${d.table(notificationOutbox)} AS o
LEFT JOIN (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY dedupe_key ORDER BY seq DESC) AS position
  FROM ${d.table(notificationDeliveries)}
) AS s ON s.dedupe_key = o.dedupe_key AND s.position = 1`,
});
