import type { TopicData } from '@shared/bus/topics';
import type { Logger } from '@shared/log';
import type { Runtime } from '@shared/runtime';
import { type SquareObjectReader, applySquareEvent, openSquareObjectReader } from '@shared/sources/square/webhook-events';
import { type ProviderName, webhookProvider } from '@shared/webhooks/providers';

/** What processing an event came to. */
export type Outcome = { status: 'processed'; rows: number } | { status: 'ignored'; reason: string };

type Applier = (rt: Runtime, event: TopicData<'webhook-events'>, log: Logger) => Promise<Outcome>;

/** Events of providers nothing in the product consumes yet: kept, typed and counted, so their delivery health shows. */
const notConsumed: Applier = async (_rt, event) => ({
  status: 'ignored',
  reason: `${webhookProvider(event.provider)?.label ?? event.provider} events are stored for their delivery health; nothing in the product consumes ${event.eventType} yet`,
});

let squareReader: Promise<SquareObjectReader> | undefined;

/** How each provider's events are applied. Typed as total over the providers, so a new provider must say. */
export const APPLIERS: Record<ProviderName, Applier> = {
  square: (rt, event, log) =>
    applySquareEvent(rt, event, () => {
      // Opened on the first partial event only, then reused: most events carry their whole object.
      squareReader ??= openSquareObjectReader(rt).catch((error) => {
        squareReader = undefined;
        throw error;
      });
      return squareReader;
    }, log),
  stripe: notConsumed,
  shopify: notConsumed,
  zettle: notConsumed,
};
