import { z } from 'zod';
import { SOURCE_WEBHOOK_PROVIDERS } from '../../sources/webhook-providers';
import type { WebhookProvider } from './provider';
import { shopifyWebhooks } from './shopify';
import { stripeWebhooks } from './stripe';
import { zettleWebhooks } from './zettle';

export * from './provider';

/** THE list of webhook providers: the ingress routes, the processor, health, secrets and the sample sender derive from it. */
export const WEBHOOK_PROVIDERS = [...SOURCE_WEBHOOK_PROVIDERS, stripeWebhooks, shopifyWebhooks, zettleWebhooks] as const;

/** A provider's name: square, stripe, shopify, zettle. */
export type ProviderName = (typeof WEBHOOK_PROVIDERS)[number]['name'];

const [first, ...others] = WEBHOOK_PROVIDERS.map((p): ProviderName => p.name);

/** Validates a provider name (routes, queries). */
export const providerNameSchema = z.enum([first, ...others]);

/** The provider of a name, or undefined. */
export function webhookProvider(name: string): WebhookProvider<ProviderName> | undefined {
  return WEBHOOK_PROVIDERS.find((p) => p.name === name);
}
