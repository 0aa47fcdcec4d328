import { createEventHandler } from '@shared/events';
import { processWebhookEvent } from './process-event';

/** The webhook processor: webhook-events messages in, warehouse rows and ledger outcomes out. */
export const onWebhookEvent = createEventHandler({
  name: 'webhook-processor',
  topic: 'webhook-events',
  async handle({ runtime, data, deliveryAttempt, log }) {
    await processWebhookEvent(runtime, data, deliveryAttempt, log);
  },
});
