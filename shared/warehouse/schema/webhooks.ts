import { defineTable } from './define';

/**
 * Every verified webhook delivery, one row per provider event (de-duplicated by the provider's event id), upserted as
 * the event is processed. The payload is kept only sealed (AES-256-GCM under the versioned pii-encryption-keys, bound
 * to the record id): customer events carry names, emails and phone numbers.
 */
export const webhookEvents = defineTable({
  dataset: 'ops',
  name: 'webhook_events',
  description: 'Verified webhook deliveries, one row per provider event: status, attempts, timings; payload sealed',
  columns: {
    id: { type: 'STRING', required: true, description: 'Record id: whe_ and a hash of provider and event id' },
    provider: { type: 'STRING', required: true, description: 'square | stripe | shopify | zettle' },
    event_id: { type: 'STRING', required: true, description: "The provider's event id (the de-duplication key)" },
    event_type: { type: 'STRING', required: true, description: "The provider's event type, e.g. payment.updated" },
    status: { type: 'STRING', required: true, description: 'received | processed | failed | dead | ignored' },
    attempts: { type: 'INT64', required: true, description: 'Processing attempts so far' },
    last_error: { type: 'STRING', description: 'Why the last attempt failed, or why the event was ignored' },
    processing_ms: { type: 'INT64', description: 'Wall time of the last processing attempt' },
    payload_bytes: { type: 'INT64', required: true, description: 'Size of the raw body as received' },
    payload_sealed: { type: 'STRING', required: true, description: 'The raw body, sealed to the record id' },
    source_ip: { type: 'STRING', description: 'The address the delivery came from (the provider)' },
    received_at: { type: 'TIMESTAMP', required: true, description: 'When the first delivery was verified and stored' },
    processed_at: { type: 'TIMESTAMP', description: 'When processing last finished (processed, ignored or dead)' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'Last change of this row' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'received_at',
  clusterBy: ['provider', 'status', 'event_type'],
});
