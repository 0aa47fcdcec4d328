import type { Runtime } from '../runtime';
import { notificationOutbox } from '../warehouse/schema/notifications';

/** A notification owed to a customer. */
export interface Notification {
  customerId: string;
  template: string;
  /** Unique per message: a second notify with the same key sends nothing. */
  dedupeKey: string;
  data?: Record<string, unknown>;
}

/** Queues a notification in the outbox; true when it is new, false when that key was already queued. */
export async function notify(rt: Runtime, notification: Notification): Promise<boolean> {
  const { inserted } = await rt.warehouse.append(notificationOutbox, [
    {
      dedupe_key: notification.dedupeKey,
      customer_id: notification.customerId,
      template: notification.template,
      data: notification.data ?? {},
      created_at: rt.clock.now().toISOString(),
    },
  ]);
  return inserted > 0;
}
