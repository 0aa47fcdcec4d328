import { parseKeyRing } from '../privacy/keys';
import { seal } from '../privacy/seal';
import type { Runtime } from '../runtime';
import { notificationOutbox } from '../warehouse/schema/notifications';
import { NOTICE_DATA, type Notice } from './notice-kinds';
import { nudgeDelivery } from './nudge';

export type { Notice } from './notice-kinds';

/** The sealing context of a notice's own address: bound to its outbox key, so a copied value opens nowhere else. */
export function noticeEmailContext(dedupeKey: string): string {
  return `notice:${dedupeKey}:email`;
}

/**
 * Queues a notice in the outbox; true when it is new, false when that key was already queued. Its data is checked
 * against the kind's schema here, so a notice that could not be rendered is refused where it is made, not later.
 */
export async function notify(rt: Runtime, notice: Notice): Promise<boolean> {
  const data = NOTICE_DATA[notice.kind].parse(notice.data);
  const email = notice.email?.trim();
  const { inserted } = await rt.warehouse.append(notificationOutbox, [
    {
      dedupe_key: notice.dedupeKey,
      customer_id: notice.customerId,
      template: notice.kind,
      data,
      email_sealed: email ? seal(parseKeyRing(await rt.secrets.get('pii-encryption-keys')), email, noticeEmailContext(notice.dedupeKey)) : null,
      created_at: rt.clock.now().toISOString(),
    },
  ]);
  if (inserted > 0) await nudgeDelivery(rt);
  return inserted > 0;
}
