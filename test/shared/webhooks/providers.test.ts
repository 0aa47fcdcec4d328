import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { shopifyWebhooks } from '@shared/webhooks/providers/shopify';
import { squareWebhooks } from '@shared/sources/square/webhooks';
import { stripeWebhooks } from '@shared/webhooks/providers/stripe';
import { zettleWebhooks } from '@shared/webhooks/providers/zettle';
import type { Delivery, WebhookProvider } from '@shared/webhooks/providers';

// square/square-nodejs-sdk tests/integration/webhooks.test.ts (WebhooksHelper), verbatim.
const SQUARE = {
  body: '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}',
  signature: 'GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=',
  key: 'Ibxx_5AKakO-3qeNVR61Dw',
  url: 'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9',
  // The same suite's escaped-characters case.
  escaped: { body: '{"data":{"type":"webhooks","id":">id<"}}', signature: 'Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U=', key: 'signature-key', url: 'https://webhook.site/webhooks' },
};
// Shopify/shopify-app-js lib/webhooks/__tests__/validate.test.ts: body, expected HMAC, and test-config's apiSecretKey.
const SHOPIFY = { body: '{"foo": "bar"}', hmac: 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=', key: 'test_secret_key', webhookId: '123456789' };
// stripe/stripe-node test/Webhook.spec.ts: payload and secret; its "within tolerance of the provided timestamp" case.
const STRIPE = { body: JSON.stringify({ id: 'evt_test_webhook', object: 'event' }, null, 2), key: 'whsec_test_secret', receivedAtMs: 20000000 };
// Zettle publishes no signed example: the scheme from its Pusher API docs, computed independently here.
const ZETTLE = {
  key: 'zettle-signing-key',
  body: JSON.stringify({
    organizationUuid: 'ab8a3bb0-0c47-11ea-9c0a-d9f85e9b2d41', messageUuid: '5b8a3bb0-1c47-11ea-9c0a-d9f85e9b2d42', eventName: 'PurchaseCreated',
    messageId: '7c8a3bb0-2c47-11ea-9c0a-d9f85e9b2d43', payload: '{"purchaseUuid":"d48a3bb0","amount":1250}', timestamp: '2026-03-15T17:00:00.000Z',
  }),
};

const delivery = (body: string, headers: IncomingHttpHeaders, keys: string[], extra: Partial<Delivery> = {}): Delivery => ({
  rawBody: Buffer.from(body), headers, keys, nowMs: Date.parse('2026-03-15T17:00:00Z'), notificationUrl: SQUARE.url, ...extra,
});

/** A stripe-signature header as stripe-node's generateTestHeaderString builds it. */
const stripeHeader = (body: string, key: string, t: number, extra = '') =>
  `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`).digest('hex')}${extra}`;
const zettleSignature = (body: string, key: string) => {
  const { timestamp, payload } = JSON.parse(body);
  return createHmac('sha256', key).update(`${timestamp}.${payload}`).digest('hex');
};

describe("providers' published signature examples", () => {
  it("Square's SDK examples verify, and the SDK's own helper agrees", async () => {
    const { WebhooksHelper } = await import('square');
    for (const c of [SQUARE, SQUARE.escaped]) {
      expect(squareWebhooks.verify(delivery(c.body, { 'x-square-hmacsha256-signature': c.signature }, [c.key], { notificationUrl: c.url }))).toEqual({ ok: true });
      await expect(WebhooksHelper.verifySignature({ requestBody: c.body, signatureHeader: c.signature, signatureKey: c.key, notificationUrl: c.url })).resolves.toBe(true);
    }
  });

  it("Shopify's example verifies", () => {
    expect(shopifyWebhooks.verify(delivery(SHOPIFY.body, { 'x-shopify-hmac-sha256': SHOPIFY.hmac }, [SHOPIFY.key]))).toEqual({ ok: true });
  });

  it("Stripe's example verifies within tolerance, with any one of several v1 values", () => {
    const t = STRIPE.receivedAtMs / 1000 - 9;
    const at = { nowMs: STRIPE.receivedAtMs };
    expect(stripeWebhooks.verify(delivery(STRIPE.body, { 'stripe-signature': stripeHeader(STRIPE.body, STRIPE.key, t) }, [STRIPE.key], at))).toEqual({ ok: true });
    expect(stripeWebhooks.verify(delivery(STRIPE.body, { 'stripe-signature': stripeHeader(STRIPE.body, STRIPE.key, t, ',v1=potato') }, [STRIPE.key], at))).toEqual({ ok: true });
  });

  it('Zettle verifies over timestamp "." payload', () => {
    expect(zettleWebhooks.verify(delivery(ZETTLE.body, { 'x-izettle-signature': zettleSignature(ZETTLE.body, ZETTLE.key) }, [ZETTLE.key]))).toEqual({ ok: true });
  });
});

describe('what fails verification', () => {
  type Case = [string, WebhookProvider, string, IncomingHttpHeaders, string, Partial<Delivery>];
  const square = { 'x-square-hmacsha256-signature': SQUARE.signature };
  const changedByte = (body: string) => body.replace('"', "'");
  const stripeOk = { 'stripe-signature': stripeHeader(STRIPE.body, STRIPE.key, STRIPE.receivedAtMs / 1000) };
  const at = { nowMs: STRIPE.receivedAtMs };
  const cases: Array<Case> = [
    ['Square: a changed byte', squareWebhooks, SQUARE.body.replace('2022-07-13', '2022-06-13'), square, SQUARE.key, { notificationUrl: SQUARE.url }],
    ['Square: a wrong key', squareWebhooks, SQUARE.body, square, 'MCmhFRxGX82xMwg5FsaoQA', { notificationUrl: SQUARE.url }],
    ['Square: another notification URL', squareWebhooks, SQUARE.body, square, SQUARE.key, { notificationUrl: 'https://webhook.site/79a4f3a-dcfa-49ee-bac5-9d0edad886b9' }],
    ['Square: a missing header', squareWebhooks, SQUARE.body, {}, SQUARE.key, { notificationUrl: SQUARE.url }],
    ['Shopify: a changed byte', shopifyWebhooks, changedByte(SHOPIFY.body), { 'x-shopify-hmac-sha256': SHOPIFY.hmac }, SHOPIFY.key, {}],
    ['Shopify: a wrong key', shopifyWebhooks, SHOPIFY.body, { 'x-shopify-hmac-sha256': SHOPIFY.hmac }, 'another-secret', {}],
    ['Shopify: a missing header', shopifyWebhooks, SHOPIFY.body, {}, SHOPIFY.key, {}],
    ['Stripe: a changed byte', stripeWebhooks, STRIPE.body + ' ', stripeOk, STRIPE.key, at],
    ['Stripe: a wrong key', stripeWebhooks, STRIPE.body, stripeOk, 'whsec_other', at],
    ['Stripe: a stale timestamp (301 s)', stripeWebhooks, STRIPE.body, stripeOk, STRIPE.key, { nowMs: STRIPE.receivedAtMs + 301_000 }],
    ['Stripe: a timestamp from the future (301 s)', stripeWebhooks, STRIPE.body, stripeOk, STRIPE.key, { nowMs: STRIPE.receivedAtMs - 301_000 }],
    ['Stripe: no v1 value', stripeWebhooks, STRIPE.body, { 'stripe-signature': `t=${STRIPE.receivedAtMs / 1000}` }, STRIPE.key, at],
    ['Stripe: a missing header', stripeWebhooks, STRIPE.body, {}, STRIPE.key, at],
    ['Zettle: a changed byte of the payload', zettleWebhooks, ZETTLE.body.replace('1250', '1251'), { 'x-izettle-signature': zettleSignature(ZETTLE.body, ZETTLE.key) }, ZETTLE.key, {}],
    ['Zettle: a wrong key', zettleWebhooks, ZETTLE.body, { 'x-izettle-signature': zettleSignature(ZETTLE.body, ZETTLE.key) }, 'other-key', {}],
    ['Zettle: a missing header', zettleWebhooks, ZETTLE.body, {}, ZETTLE.key, {}],
  ];
  it.each(cases)('%s', (_name, provider, body, headers, key, extra) => {
    expect(provider.verify(delivery(body, headers, [key], extra)).ok).toBe(false);
  });

  it('names why: missing, stale, bad', () => {
    expect(stripeWebhooks.verify(delivery(STRIPE.body, {}, [STRIPE.key]))).toEqual({ ok: false, reason: 'missing-signature' });
    expect(stripeWebhooks.verify(delivery(STRIPE.body, stripeOk, [STRIPE.key], { nowMs: STRIPE.receivedAtMs + 301_000 }))).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(shopifyWebhooks.verify(delivery(SHOPIFY.body, { 'x-shopify-hmac-sha256': SHOPIFY.hmac }, ['x']))).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('key rotation', () => {
  it('accepts a signature by any active key and nothing once the signing key is removed', () => {
    const headers = { 'x-shopify-hmac-sha256': SHOPIFY.hmac };
    expect(shopifyWebhooks.verify(delivery(SHOPIFY.body, headers, ['new-key', SHOPIFY.key])).ok).toBe(true);
    expect(shopifyWebhooks.verify(delivery(SHOPIFY.body, headers, ['new-key'])).ok).toBe(false);
  });
});

describe('signing (the emulator and `npm run webhook` sign as the providers do)', () => {
  it.each([squareWebhooks, stripeWebhooks, shopifyWebhooks, zettleWebhooks])('$name: a signed sample verifies and identifies', (provider) => {
    const nowMs = Date.parse('2026-03-15T17:00:00Z');
    for (const type of provider.sampleTypes) {
      const { body, eventId } = provider.sample(type, nowMs);
      const text = JSON.stringify(body);
      const headers = provider.sign({ body: text, key: 'k1', nowMs, notificationUrl: SQUARE.url, eventId, eventType: type });
      expect(provider.verify(delivery(text, headers, ['k1'], { nowMs })).ok).toBe(true);
      expect(provider.identify(Buffer.from(text), headers)).toMatchObject({ eventId, eventType: type });
    }
  });
});
