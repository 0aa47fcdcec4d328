import type { Runtime } from '@shared/runtime';
import { findRecord, listRecords, openPayload, saveRecord, type WebhookEventRow } from '@shared/webhooks/ledger';
import { webhookProvider } from '@shared/webhooks/providers';

/** The most dead events one replay request puts back; the rest wait for the next request. */
const MAX_REPLAY = 500;

/** Puts one stored event back on webhook-events, marked received again; its attempts keep counting. */
async function replay(rt: Runtime, row: WebhookEventRow): Promise<string> {
  const provider = webhookProvider(row.provider);
  if (!provider) throw new Error(`Record ${row.id} names an unknown provider ${row.provider}`);
  const raw = await openPayload(rt, row);
  const { payload } = provider.identify(Buffer.from(raw, 'utf8'), {
    // Shopify's id and topic came in headers; the record kept them.
    'x-shopify-webhook-id': row.event_id,
    'x-shopify-topic': row.event_type,
  });
  const now = rt.clock.now().toISOString();
  await saveRecord(rt, { ...row, status: 'received', last_error: row.last_error, updated_at: later(now, row.updated_at) });
  await rt.bus.publish('webhook-events', { provider: row.provider, eventId: row.event_id, eventType: row.event_type, receivedAt: row.received_at, payload }, { replay: 'true' });
  return row.id;
}

/** A timestamp after both `now` and `previous` (a clock that did not move still orders the versions). */
export function later(now: string, previous: string): string {
  return Date.parse(now) > Date.parse(previous) ? now : new Date(Date.parse(previous) + 1).toISOString();
}

/** Replays one event by record id or provider event id; null when there is none. */
export async function replayEvent(rt: Runtime, id: string): Promise<string | null> {
  const row = await findRecord(rt, id);
  return row ? replay(rt, row) : null;
}

/** Replays every dead event (up to MAX_REPLAY, oldest last). */
export async function replayDead(rt: Runtime): Promise<string[]> {
  const rows = await listRecords(rt, { status: 'dead', limit: MAX_REPLAY });
  const ids: string[] = [];
  for (const row of rows.slice(0, MAX_REPLAY)) ids.push(await replay(rt, row));
  return ids;
}
