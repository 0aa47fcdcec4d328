import { createHash } from 'node:crypto';
import { parseKeyRing } from '../privacy/keys';
import { open, seal } from '../privacy/seal';
import type { Runtime } from '../runtime';
import { webhookEvents } from '../warehouse/schema/webhooks';

/** A webhook event record as stored. */
export type WebhookEventRow = typeof webhookEvents.row;

/** The statuses of a record: stored, then processed, ignored (nothing consumes it), failed (retrying) or dead. */
export const WEBHOOK_STATUSES = ['received', 'processed', 'failed', 'dead', 'ignored'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** How long the kv remembers an event id; the ledger stays the durable record beyond it. */
export const DEDUPE_TTL_MS = 7 * 24 * 3600 * 1000;

/** The record id of a provider's event: the same id however often it is delivered. */
export function webhookRecordId(provider: string, eventId: string): string {
  return 'whe_' + createHash('sha256').update(`${provider}\u0000${eventId}`).digest('hex').slice(0, 32);
}

/** The kv key that claims an event for its first delivery. */
export const seenKey = (recordId: string) => `webhooks:seen:${recordId}`;

const payloadContext = (recordId: string) => `webhook_events:${recordId}:payload`;

async function keyRing(rt: Runtime) {
  return parseKeyRing(await rt.secrets.get('pii-encryption-keys'));
}

/** Seals a raw body to its record. */
export async function sealPayload(rt: Runtime, recordId: string, rawBody: Buffer): Promise<string> {
  return seal(await keyRing(rt), rawBody.toString('utf8'), payloadContext(recordId));
}

/** The raw body of a record (admins, replays). */
export async function openPayload(rt: Runtime, row: Pick<WebhookEventRow, 'id' | 'payload_sealed'>): Promise<string> {
  return open(await keyRing(rt), row.payload_sealed, payloadContext(row.id));
}

/** Stores a first delivery; false when the record already exists (the ledger's own de-duplication). */
export async function appendReceived(rt: Runtime, row: WebhookEventRow): Promise<boolean> {
  const { inserted } = await rt.warehouse.append(webhookEvents, [row]);
  return inserted > 0;
}

/** Writes a record's new state; its updated_at must be later than the stored one's. */
export async function saveRecord(rt: Runtime, row: WebhookEventRow): Promise<void> {
  await rt.warehouse.upsert(webhookEvents, [row]);
}

/** One record by its id, or by a provider's event id. */
export async function findRecord(rt: Runtime, id: string): Promise<WebhookEventRow | null> {
  const rows = await rt.warehouse.query<WebhookEventRow>(
    (d) => `SELECT * FROM ${d.table(webhookEvents)} WHERE id = ${d.param('id')} OR event_id = ${d.param('id')} ORDER BY received_at LIMIT 1`,
    { params: { id } },
  );
  return rows[0] ? normalize(rows[0]) : null;
}

/** Which records a listing wants. */
export interface RecordFilter {
  provider?: string;
  status?: WebhookStatus;
  type?: string;
  since?: string;
  limit: number;
  /** Continue after this (received_at, id) position. */
  after?: { receivedAt: string; id: string };
}

/** Records newest first, filtered; one more than `limit` is read so the caller knows whether a next page exists. */
export async function listRecords(rt: Runtime, filter: RecordFilter): Promise<WebhookEventRow[]> {
  const params: Record<string, string | number> = { limit: filter.limit + 1 };
  const types: Record<string, 'TIMESTAMP'> = {};
  if (filter.provider) params.provider = filter.provider;
  if (filter.status) params.status = filter.status;
  if (filter.type) params.type = filter.type;
  if (filter.since) (params.since = filter.since), (types.since = 'TIMESTAMP');
  if (filter.after) (params.afterAt = filter.after.receivedAt), (params.afterId = filter.after.id), (types.afterAt = 'TIMESTAMP');
  const rows = await rt.warehouse.query<WebhookEventRow>(
    (d) => {
      const where = [
        filter.provider && `provider = ${d.param('provider')}`,
        filter.status && `status = ${d.param('status')}`,
        filter.type && `event_type = ${d.param('type')}`,
        filter.since && `received_at >= ${d.param('since')}`,
        filter.after && `(received_at < ${d.param('afterAt')} OR (received_at = ${d.param('afterAt')} AND id < ${d.param('afterId')}))`,
      ].filter(Boolean);
      return `SELECT * FROM ${d.table(webhookEvents)} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY received_at DESC, id DESC LIMIT ${d.param('limit')}`;
    },
    { params, types },
  );
  return rows.map(normalize);
}

/** Rows come back with INT64 as numbers already; timestamps as ISO strings. Nulls stay nulls. */
function normalize(row: WebhookEventRow): WebhookEventRow {
  return { ...row, attempts: Number(row.attempts), payload_bytes: Number(row.payload_bytes), processing_ms: row.processing_ms === null ? null : Number(row.processing_ms) };
}
