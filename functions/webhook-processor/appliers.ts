import type { TopicData } from '@shared/bus/topics';
import type { Logger } from '@shared/log';
import type { Runtime } from '@shared/runtime';
import { SOURCE_WEBHOOK_APPLIERS } from '@shared/sources/webhook-appliers';
import { type ProviderName, webhookProvider } from '@shared/webhooks/providers';

/** What processing an event came to. */
export type Outcome = { status: 'processed'; rows: number } | { status: 'ignored'; reason: string };

type Applier = (rt: Runtime, event: TopicData<'webhook-events'>, log: Logger) => Promise<Outcome>;

/** Events of providers nothing in the product consumes yet: kept, typed and counted, so their delivery health shows. */
const notConsumed: Applier = async (_rt, event) => ({
  status: 'ignored',
  reason: `${webhookProvider(event.provider)?.label ?? event.provider} events are stored for their delivery health; nothing in the product consumes ${event.eventType} yet`,
});

/** How each provider's events are applied. Typed as total over the providers, so a new provider must say. */
export const APPLIERS: Record<ProviderName, Applier> = {
  ...SOURCE_WEBHOOK_APPLIERS,
  stripe: notConsumed,
  shopify: notConsumed,
  zettle: notConsumed,
};
