import type { Logger } from '../log';
import type { Runtime } from '../runtime';
import { type SquareEventOutcome, type SquareObjectReader, type SquareWebhookEvent, applySquareEvent, openSquareObjectReader } from './square/webhook-events';
import { squareWebhooks } from './square/webhooks';
import type { SOURCE_WEBHOOK_PROVIDERS } from './webhook-providers';

/** Applies one verified event of a source's webhooks to the warehouse, as that source's sync would write it. */
export type SourceWebhookApplier = (rt: Runtime, event: SquareWebhookEvent, log: Logger) => Promise<SquareEventOutcome>;

let squareReader: Promise<SquareObjectReader> | undefined;

/** How each connector's webhook events reach the warehouse; total over the connectors that receive webhooks. */
export const SOURCE_WEBHOOK_APPLIERS: Record<(typeof SOURCE_WEBHOOK_PROVIDERS)[number]['name'], SourceWebhookApplier> = {
  [squareWebhooks.name]: (rt, event, log) =>
    applySquareEvent(rt, event, () => {
      // Opened on the first partial event only, then reused: most events carry their whole object.
      squareReader ??= openSquareObjectReader(rt).catch((error) => {
        squareReader = undefined;
        throw error;
      });
      return squareReader;
    }, log),
};
