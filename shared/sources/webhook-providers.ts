import { squareWebhooks } from './square/webhooks';

/**
 * The webhook providers that are POS connectors, put together here as registry.ts puts the connectors together, so
 * the webhook ingress lists them without naming a source. Kept apart from the appliers: ingress needs no API client.
 */
export const SOURCE_WEBHOOK_PROVIDERS = [squareWebhooks] as const;
