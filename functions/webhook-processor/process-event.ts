import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import { cacheKeys } from '@shared/cache/cache-keys';
import type { TopicData } from '@shared/bus/topics';
import type { Logger } from '@shared/log';
import type { Runtime } from '@shared/runtime';
import { MalformedRecordError } from '@shared/sources/record-pages';
import { findRecord, saveRecord, webhookRecordId, type WebhookEventRow, type WebhookStatus } from '@shared/webhooks/ledger';
import { providerNameSchema } from '@shared/webhooks/providers';
import { APPLIERS } from './appliers';

/** How long one processing may hold an event before another delivery may take it over. */
const PROCESSING_LOCK_MS = 5 * 60_000;

/** A redelivery while another delivery of the same event is being processed: retried later, by when it is done. */
export class EventInProgressError extends Error {
  constructor(id: string) {
    super(`Webhook event ${id} is being processed by another delivery`);
    this.name = 'EventInProgressError';
  }
}

/** A timestamp after both `now` and `previous`, so a status change always wins the upsert. */
function after(now: Date, previous: string): string {
  return now.getTime() > Date.parse(previous) ? now.toISOString() : new Date(Date.parse(previous) + 1).toISOString();
}

/**
 * Processes one webhook-events message: applies the event once (a finished record is not processed again; a second
 * delivery racing the first waits for it), records the outcome, and makes the dashboard's figures move. A failure
 * worth retrying throws; on the last delivery attempt the record says `dead` (the bus then dead-letters the message)
 * and a replay puts it back. An event that cannot be applied however often it is tried is recorded `failed` and
 * acknowledged.
 */
export async function processWebhookEvent(rt: Runtime, event: TopicData<'webhook-events'>, deliveryAttempt: number, log: Logger): Promise<WebhookStatus | 'skipped'> {
  const provider = providerNameSchema.safeParse(event.provider);
  const id = webhookRecordId(event.provider, event.eventId);
  const record = await findRecord(rt, id);
  if (!provider.success || !record) {
    log.error('webhook event without a ledger record or a known provider; acknowledged', { provider: event.provider, webhookEvent: id });
    return 'skipped';
  }
  if (record.status !== 'received' && record.status !== 'failed') {
    log.info('webhook event already finished; acknowledged', { provider: event.provider, webhookEvent: id, status: record.status });
    return 'skipped';
  }
  const lock = await rt.kv.acquireLock(`webhooks:processing:${id}`, PROCESSING_LOCK_MS);
  if (!lock) throw new EventInProgressError(id);
  const started = performance.now();
  const finish = async (status: WebhookStatus, lastError: string | null): Promise<WebhookStatus> => {
    const now = rt.clock.now();
    const row: WebhookEventRow = {
      ...record,
      status,
      attempts: record.attempts + 1,
      last_error: lastError,
      processing_ms: Math.round(performance.now() - started),
      processed_at: status === 'failed' ? record.processed_at : now.toISOString(),
      updated_at: after(now, record.updated_at),
    };
    await saveRecord(rt, row);
    const fields = { eventType: event.eventType, webhookEvent: id, attempt: deliveryAttempt, processingMs: row.processing_ms };
    // One line per outcome, read by the webhook_outcomes log metric (provider and webhookOutcome).
    if (status === 'dead') log.error('webhook event dead-lettered', { provider: event.provider, webhookOutcome: status, ...fields, error: lastError });
    else if (status === 'failed') log.warn('webhook event failed', { provider: event.provider, webhookOutcome: status, ...fields, error: lastError });
    else log.info('webhook event processed', { provider: event.provider, webhookOutcome: status, ...fields, reason: status === 'ignored' ? lastError : undefined });
    return status;
  };
  try {
    let outcome;
    try {
      outcome = await APPLIERS[provider.data](rt, event, log);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A record that cannot be mapped, even read whole, fails the same way on every attempt.
      if (error instanceof MalformedRecordError) return await finish('failed', message);
      await finish(deliveryAttempt >= rt.config.BUS_MAX_DELIVERY_ATTEMPTS ? 'dead' : 'failed', message);
      throw error;
    }
    if (outcome.status === 'processed') {
      // Entries cached under the previous generation stop being answers: the dashboard's next read sees the change.
      await rt.kv.increment(cacheKeys(WAREHOUSE_CACHE).generation);
      return await finish('processed', null);
    }
    return await finish('ignored', outcome.reason);
  } finally {
    await rt.kv.releaseLock(`webhooks:processing:${id}`, lock).catch(() => undefined);
  }
}
