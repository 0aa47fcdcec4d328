import { defineTable } from './define';

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
