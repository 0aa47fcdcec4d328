import { randomBytes } from 'node:crypto';
import { hmacSha256, signatureMatches } from '../hmac';
import { type WebhookProvider, headerValue, jsonObject, requiredText } from './provider';

const SIGNATURE_HEADER = 'stripe-signature';
/** Stripe's default tolerance between the signed timestamp and now, both ways. */
export const STRIPE_TOLERANCE_SECONDS = 300;

/** `t=…,v1=…,v1=…` into its timestamp and v1 signatures; null when it has no timestamp. */
function parseHeader(value: string): { timestamp: number; signatures: string[] } | null {
  let timestamp = NaN;
  const signatures: string[] = [];
  for (const item of value.split(',')) {
    const [key, ...rest] = item.split('=');
    const text = rest.join('=').trim();
    if (key.trim() === 't') timestamp = /^\d+$/.test(text) ? Number(text) : NaN;
    if (key.trim() === 'v1' && text) signatures.push(text);
  }
  return Number.isFinite(timestamp) ? { timestamp, signatures } : null;
}

/**
 * Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]`, each v1 a hex HMAC-SHA256 under the endpoint secret
 * of `t` + "." + the raw body. Any v1 may match; the timestamp must be within 300 s of now either way.
 */
export const stripeWebhooks: WebhookProvider<'stripe'> = {
  name: 'stripe',
  label: 'Stripe',
  secret: 'stripe-webhook-secret',
  signatureHeader: SIGNATURE_HEADER,
  verify({ rawBody, headers, keys, nowMs }) {
    const sent = headerValue(headers, SIGNATURE_HEADER);
    if (!sent) return { ok: false, reason: 'missing-signature' };
    const parsed = parseHeader(sent);
    if (!parsed || parsed.signatures.length === 0) return { ok: false, reason: 'malformed-signature' };
    const signed = keys.some((key) => {
      const expected = hmacSha256(key, `${parsed.timestamp}.`, rawBody);
      return parsed.signatures.some((signature) => signatureMatches(expected, signature, 'hex'));
    });
    if (!signed) return { ok: false, reason: 'bad-signature' };
    if (Math.abs(nowMs / 1000 - parsed.timestamp) > STRIPE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale-timestamp' };
    return { ok: true };
  },
  identify(rawBody) {
    const payload = jsonObject(rawBody);
    return { eventId: requiredText(payload, 'id'), eventType: requiredText(payload, 'type'), payload };
  },
  sign({ body, key, nowMs }) {
    const t = Math.floor(nowMs / 1000);
    return { [SIGNATURE_HEADER]: `t=${t},v1=${hmacSha256(key, `${t}.`, body).toString('hex')}` };
  },
  sampleTypes: ['payment_intent.succeeded', 'charge.refunded', 'customer.created'],
  sample(eventType, nowMs) {
    const eventId = `evt_${randomBytes(12).toString('hex')}`;
    const created = Math.floor(nowMs / 1000);
    return {
      eventId,
      body: {
        id: eventId, object: 'event', api_version: '2024-06-20', created, livemode: false, pending_webhooks: 1, type: eventType,
        request: { id: null, idempotency_key: null },
        data: { object: { id: `obj_${randomBytes(8).toString('hex')}`, object: eventType.split('.')[0], amount: 1250, currency: 'usd', created } },
      },
    };
  },
};
