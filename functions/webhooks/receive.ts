import { HttpError } from '@shared/http/errors';
import type { RequestContext } from '@shared/http/route';
import type { Runtime } from '@shared/runtime';
import { DEDUPE_TTL_MS, appendReceived, findRecord, sealPayload, seenKey, webhookRecordId } from '@shared/webhooks/ledger';
import { EventShapeError, WEBHOOK_PROVIDERS, type ProviderEvent, type WebhookProvider, webhookProvider } from '@shared/webhooks/providers';
import { activeSigningKeys } from '@shared/webhooks/signing-keys';
import { countSignatureFailure } from './signature-failures';

/** What the ingress answers a verified delivery. */
export interface Receipt {
  id: string;
  provider: string;
  eventId: string;
  eventType: string;
  duplicate: boolean;
}

const providerNames = WEBHOOK_PROVIDERS.map((p) => p.name).join(', ');

/**
 * One delivery: verified against every active key, identified, claimed in kv (a duplicate stops here), stored in the
 * ledger with its payload sealed, then published for the processor. A failure to store or publish releases the claim
 * and answers 503, so the provider's own retry delivers it again and nothing is lost.
 */
export async function receiveDelivery(ctx: Pick<RequestContext, 'runtime' | 'log' | 'rawBody' | 'headers' | 'ip'>, providerName: string): Promise<Receipt> {
  const rt = ctx.runtime;
  const provider = webhookProvider(providerName);
  if (!provider) throw new HttpError(404, 'UNKNOWN_PROVIDER', `Unknown webhook provider ${providerName}; expected one of ${providerNames}`);
  await verify(rt, ctx, provider);

  let event: ProviderEvent;
  try {
    event = provider.identify(ctx.rawBody, ctx.headers);
  } catch (error) {
    if (error instanceof EventShapeError) throw new HttpError(400, 'INVALID_EVENT', `Not a ${provider.label} event: ${error.message}`);
    throw error;
  }
  const id = webhookRecordId(provider.name, event.eventId);
  const receivedAt = rt.clock.now().toISOString();
  const receipt = { id, provider: provider.name, eventId: event.eventId, eventType: event.eventType };
  if (!(await rt.kv.setIfAbsent(seenKey(id), receivedAt, DEDUPE_TTL_MS))) {
    ctx.log.info('webhook duplicate', { provider: provider.name, eventType: event.eventType, webhookEvent: id });
    return { ...receipt, duplicate: true };
  }
  try {
    const stored = await appendReceived(rt, {
      id,
      provider: provider.name,
      event_id: event.eventId,
      event_type: event.eventType,
      status: 'received',
      attempts: 0,
      last_error: null,
      processing_ms: null,
      payload_bytes: ctx.rawBody.length,
      payload_sealed: await sealPayload(rt, id, ctx.rawBody),
      source_ip: ctx.ip,
      received_at: receivedAt,
      processed_at: null,
      updated_at: receivedAt,
    });
    // Past the kv's memory the ledger decides: a record that exists was published before, unless it never left
    // `received` (a publish that failed), which is published again.
    if (!stored && (await findRecord(rt, id))?.status !== 'received') {
      ctx.log.info('webhook duplicate', { provider: provider.name, eventType: event.eventType, webhookEvent: id });
      return { ...receipt, duplicate: true };
    }
    await rt.bus.publish('webhook-events', { provider: provider.name, eventId: event.eventId, eventType: event.eventType, receivedAt, payload: event.payload });
  } catch (error) {
    await rt.kv.del(seenKey(id)).catch(() => undefined);
    throw new HttpError(503, 'WEBHOOK_NOT_STORED', 'The event could not be stored; deliver it again', { cause: error });
  }
  ctx.log.info('webhook received', { provider: provider.name, eventType: event.eventType, webhookEvent: id });
  return { ...receipt, duplicate: false };
}

/** 401 unless a signature verifies; the failure is counted and logged (the signature-failure alert reads the log). */
async function verify(rt: Runtime, ctx: Pick<RequestContext, 'log' | 'rawBody' | 'headers'>, provider: WebhookProvider): Promise<void> {
  const keys = await activeSigningKeys(rt.secrets, provider);
  const notificationUrl = rt.config.SQUARE_WEBHOOK_NOTIFICATION_URL;
  if (keys.length === 0 || (provider.signsNotificationUrl && !notificationUrl)) {
    ctx.log.warn('webhook provider not configured; delivery refused', { provider: provider.name, webhookSignature: 'not-configured' });
    throw new HttpError(401, 'WEBHOOK_NOT_CONFIGURED', `${provider.label} webhooks are not configured here (no signing key${provider.signsNotificationUrl ? ' or notification URL' : ''})`);
  }
  const verdict = provider.verify({ rawBody: ctx.rawBody, headers: ctx.headers, keys, nowMs: rt.clock.now().getTime(), notificationUrl });
  if (verdict.ok) return;
  await countSignatureFailure(rt, provider.name);
  ctx.log.warn('webhook signature rejected', { provider: provider.name, webhookSignature: verdict.reason });
  throw new HttpError(401, 'INVALID_SIGNATURE', `The ${provider.label} signature does not verify (${verdict.reason})`);
}
