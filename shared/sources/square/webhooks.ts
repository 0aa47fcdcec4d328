import { randomUUID } from 'node:crypto';
import { hmacSha256, signatureMatches } from '../../webhooks/hmac';
import { type WebhookProvider, EventShapeError, headerValue, jsonObject, requiredText } from '../../webhooks/providers/provider';

const SIGNATURE_HEADER = 'x-square-hmacsha256-signature';

/** A Square object of an event type, shaped as Square's API returns it (snake_case). */
function sampleObject(eventType: string, nowIso: string): { type: string; id: string; object: Record<string, unknown> } {
  const [kind] = eventType.split('.');
  const money = (amount: number) => ({ amount, currency: 'USD' });
  switch (kind) {
    case 'payment': {
      const id = `sample-payment-${randomUUID().slice(0, 8)}`;
      return {
        type: 'payment',
        id,
        object: {
          payment: {
            id, created_at: nowIso, updated_at: nowIso, amount_money: money(1250), total_money: money(1250),
            status: 'COMPLETED', source_type: 'CASH', location_id: 'sample-location', version: 1,
          },
        },
      };
    }
    case 'refund': {
      const id = `sample-refund-${randomUUID().slice(0, 8)}`;
      return {
        type: 'refund',
        id,
        object: {
          refund: {
            id, payment_id: 'sample-payment', location_id: 'sample-location', amount_money: money(500), status: 'COMPLETED',
            reason: 'Sample refund', created_at: nowIso, updated_at: nowIso, version: 1,
          },
        },
      };
    }
    case 'customer': {
      const id = `sample-customer-${randomUUID().slice(0, 8)}`;
      return {
        type: 'customer',
        id,
        object: { customer: { id, given_name: 'Amelia', family_name: 'Earhart', email_address: 'amelia@example.com', created_at: nowIso, updated_at: nowIso, version: 1 } },
      };
    }
    case 'catalog':
      return { type: 'catalog', id: randomUUID(), object: { catalog_version: { updated_at: nowIso } } };
    case 'inventory':
      return {
        type: 'inventory',
        id: randomUUID(),
        object: {
          inventory_counts: [
            { catalog_object_id: 'sample-variation', catalog_object_type: 'ITEM_VARIATION', state: 'IN_STOCK', location_id: 'sample-location', quantity: '12', calculated_at: nowIso },
          ],
        },
      };
    default:
      throw new Error(`No Square sample for ${eventType}`);
  }
}

/**
 * Square: `x-square-hmacsha256-signature` is base64 HMAC-SHA256 under the subscription's signature key of the
 * notification URL exactly as registered, followed by the raw body.
 */
export const squareWebhooks: WebhookProvider<'square'> = {
  name: 'square',
  signsNotificationUrl: true,
  label: 'Square',
  secret: 'square-webhook-signature-key',
  signatureHeader: SIGNATURE_HEADER,
  verify({ rawBody, headers, keys, notificationUrl }) {
    const sent = headerValue(headers, SIGNATURE_HEADER);
    if (!sent) return { ok: false, reason: 'missing-signature' };
    if (!notificationUrl) return { ok: false, reason: 'bad-signature' };
    const ok = keys.some((key) => signatureMatches(hmacSha256(key, notificationUrl, rawBody), sent, 'base64'));
    return ok ? { ok } : { ok, reason: 'bad-signature' };
  },
  identify(rawBody) {
    const payload = jsonObject(rawBody);
    const eventId = requiredText(payload, 'event_id');
    const eventType = requiredText(payload, 'type');
    if (payload.data !== undefined && (typeof payload.data !== 'object' || payload.data === null)) throw new EventShapeError('data is not an object');
    return { eventId, eventType, payload };
  },
  sign({ body, key, notificationUrl }) {
    return { [SIGNATURE_HEADER]: hmacSha256(key, notificationUrl, body).toString('base64') };
  },
  sampleTypes: [
    'payment.created', 'payment.updated', 'refund.created', 'refund.updated', 'customer.created', 'customer.updated',
    'catalog.version.updated', 'inventory.count.updated',
  ],
  sample(eventType, nowMs) {
    const eventId = randomUUID();
    const nowIso = new Date(nowMs).toISOString();
    return {
      eventId,
      body: { merchant_id: 'SAMPLE_MERCHANT', type: eventType, event_id: eventId, created_at: nowIso, data: sampleObject(eventType, nowIso) },
    };
  },
};
