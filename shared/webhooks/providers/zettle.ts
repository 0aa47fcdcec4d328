import { randomUUID } from 'node:crypto';
import { hmacSha256, signatureMatches } from '../hmac';
import { type WebhookProvider, headerValue, jsonObject, requiredText } from './provider';

const SIGNATURE_HEADER = 'x-izettle-signature';

/** The signed fields of a Zettle body: its `timestamp` and its `payload` (a JSON document as a string). */
function signedFields(rawBody: Buffer): { timestamp: string; payload: string } | null {
  try {
    const body = jsonObject(rawBody);
    if (typeof body.timestamp !== 'string' || typeof body.payload !== 'string') return null;
    return { timestamp: body.timestamp, payload: body.payload };
  } catch {
    return null;
  }
}

/**
 * Zettle (PayPal POS) pushes `{organizationUuid, messageUuid, eventName, messageId, payload, timestamp}`, where
 * `payload` is a JSON document as a string; `X-iZettle-Signature` is hex HMAC-SHA256 under the subscription's signing
 * key of timestamp + "." + payload. The event id is messageUuid.
 */
export const zettleWebhooks: WebhookProvider<'zettle'> = {
  name: 'zettle',
  label: 'Zettle',
  secret: 'zettle-webhook-secret',
  signatureHeader: SIGNATURE_HEADER,
  verify({ rawBody, headers, keys }) {
    const sent = headerValue(headers, SIGNATURE_HEADER);
    if (!sent) return { ok: false, reason: 'missing-signature' };
    const fields = signedFields(rawBody);
    if (!fields) return { ok: false, reason: 'bad-signature' };
    const ok = keys.some((key) => signatureMatches(hmacSha256(key, `${fields.timestamp}.${fields.payload}`), sent, 'hex'));
    return ok ? { ok } : { ok, reason: 'bad-signature' };
  },
  identify(rawBody) {
    const payload = jsonObject(rawBody);
    return { eventId: requiredText(payload, 'messageUuid'), eventType: requiredText(payload, 'eventName'), payload };
  },
  sign({ body, key }) {
    const fields = signedFields(Buffer.from(body));
    if (!fields) throw new Error('A Zettle body needs string timestamp and payload fields');
    return { [SIGNATURE_HEADER]: hmacSha256(key, `${fields.timestamp}.${fields.payload}`).toString('hex') };
  },
  sampleTypes: ['PurchaseCreated', 'InventoryBalanceChanged', 'ProductCreated'],
  sample(eventType, nowMs) {
    const eventId = randomUUID();
    const timestamp = new Date(nowMs).toISOString();
    return {
      eventId,
      body: {
        organizationUuid: randomUUID(), messageUuid: eventId, eventName: eventType, messageId: randomUUID(), timestamp,
        payload: JSON.stringify({ purchaseUuid: randomUUID(), amount: 1250, currency: 'USD', created: timestamp }),
      },
    };
  },
};
