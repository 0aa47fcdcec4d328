import { pubSubCloudEvent } from '@shared/events';
import { setRuntime } from '@shared/runtime';
import { webhookProvider } from '@shared/webhooks/providers';
import { webhooksHandler } from '../../functions/webhooks/handler';
import { onWebhookEvent } from '../../functions/webhook-processor/handler';
import { serve } from './http';
import { type TestRuntime, createTestRuntime } from './runtime';

/** The signing keys and notification URL the webhook tests configure. */
export const WEBHOOK_KEYS = {
  SQUARE_WEBHOOK_SIGNATURE_KEY: 'square-key-1',
  STRIPE_WEBHOOK_SECRET: 'whsec_test_secret',
  SHOPIFY_WEBHOOK_SECRET: 'shopify-secret-1',
  ZETTLE_WEBHOOK_SECRET: 'zettle-key-1',
};
export const NOTIFICATION_URL = 'https://shop.example.com/api/webhooks/square';
const KEY_BY_PROVIDER: Record<string, string> = {
  square: WEBHOOK_KEYS.SQUARE_WEBHOOK_SIGNATURE_KEY,
  stripe: WEBHOOK_KEYS.STRIPE_WEBHOOK_SECRET,
  shopify: WEBHOOK_KEYS.SHOPIFY_WEBHOOK_SECRET,
  zettle: WEBHOOK_KEYS.ZETTLE_WEBHOOK_SECRET,
};

/** The webhooks function on a loopback port and the processor subscribed to the test runtime's bus. */
export async function startWebhookStack(env: Record<string, string> = {}, options: { ownUrlAsNotificationUrl?: boolean } = {}) {
  // Served first, so the notification URL can be the server's own (the emulator delivers to it).
  const server = await serve(webhooksHandler);
  const notificationUrl = options.ownUrlAsNotificationUrl ? `${server.url}/api/webhooks/square` : NOTIFICATION_URL;
  const rt: TestRuntime = createTestRuntime({ SQUARE_WEBHOOK_NOTIFICATION_URL: notificationUrl, ...env }, undefined, WEBHOOK_KEYS);
  await rt.warehouse.ensureSchema();
  setRuntime(rt);
  rt.bus.subscribe('webhook-events', (m) => onWebhookEvent(pubSubCloudEvent(m, rt.config.GCP_PROJECT_ID)));
  return {
    rt,
    url: server.url,
    async close() {
      await rt.bus.drain();
      await server.close();
      await rt.warehouse.close();
      setRuntime(undefined);
    },
  };
}

/** A body signed as its provider signs it, with the test keys. */
export function signed(provider: string, body: Record<string, unknown>, nowMs: number, extra: { eventId?: string; eventType?: string } = {}) {
  const text = JSON.stringify(body);
  const headers = webhookProvider(provider)!.sign({ body: text, key: KEY_BY_PROVIDER[provider], nowMs, notificationUrl: NOTIFICATION_URL, ...extra });
  return { body: text, headers: { 'content-type': 'application/json', ...headers } };
}

/** POSTs a signed delivery and returns the status and parsed answer. */
export async function deliver(url: string, provider: string, delivery: { body: string; headers: Record<string, string> }) {
  const res = await fetch(`${url}/api/webhooks/${provider}`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return { status: res.status, body: await res.json() };
}

/** A Square event body as Square sends it. */
export function squareEvent(type: string, eventId: string, object: Record<string, unknown>, data: { type: string; id: string }) {
  return { merchant_id: 'MLEFBHHSJGVHD', type, event_id: eventId, created_at: '2026-03-15T17:00:00Z', data: { ...data, object } };
}
