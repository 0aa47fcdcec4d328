import { randomUUID } from 'node:crypto';
import { hmacSha256, signatureMatches } from '../hmac';
import { type WebhookProvider, EventShapeError, headerValue, jsonObject } from './provider';

const SIGNATURE_HEADER = 'x-shopify-hmac-sha256';
const ID_HEADER = 'x-shopify-webhook-id';
const TOPIC_HEADER = 'x-shopify-topic';

/**
 * Shopify: `X-Shopify-Hmac-Sha256` is base64 HMAC-SHA256 of the raw body under the app's secret; the event id is
 * `X-Shopify-Webhook-Id` and the type `X-Shopify-Topic`.
 */
export const shopifyWebhooks: WebhookProvider<'shopify'> = {
  name: 'shopify',
  label: 'Shopify',
  secret: 'shopify-webhook-secret',
  signatureHeader: SIGNATURE_HEADER,
  verify({ rawBody, headers, keys }) {
    const sent = headerValue(headers, SIGNATURE_HEADER);
    if (!sent) return { ok: false, reason: 'missing-signature' };
    const ok = keys.some((key) => signatureMatches(hmacSha256(key, rawBody), sent, 'base64'));
    return ok ? { ok } : { ok, reason: 'bad-signature' };
  },
  identify(rawBody, headers) {
    const payload = jsonObject(rawBody);
    const eventId = headerValue(headers, ID_HEADER);
    const eventType = headerValue(headers, TOPIC_HEADER);
    if (!eventId) throw new EventShapeError(`${ID_HEADER} header is missing`);
    if (!eventType) throw new EventShapeError(`${TOPIC_HEADER} header is missing`);
    return { eventId, eventType, payload };
  },
  sign({ body, key, eventId, eventType }) {
    return {
      [SIGNATURE_HEADER]: hmacSha256(key, body).toString('base64'),
      [ID_HEADER]: eventId ?? randomUUID(),
      [TOPIC_HEADER]: eventType ?? 'orders/create',
      'x-shopify-shop-domain': 'sample-shop.myshopify.com',
      'x-shopify-api-version': '2024-07',
    };
  },
  sampleTypes: ['orders/create', 'orders/updated', 'refunds/create', 'customers/create', 'inventory_levels/update'],
  sample(eventType, nowMs) {
    return {
      eventId: randomUUID(),
      body: { id: Math.floor(nowMs / 1000), admin_graphql_api_id: `gid://shopify/${eventType.split('/')[0]}/1`, created_at: new Date(nowMs).toISOString(), total_price: '12.50', currency: 'USD' },
    };
  },
};
