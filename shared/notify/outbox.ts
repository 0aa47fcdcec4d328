import { parseKeyRing } from '../privacy/keys';
import { seal } from '../privacy/seal';
import type { Runtime } from '../runtime';
import { notificationOutbox } from '../warehouse/schema/notifications';
import { NOTICE_DATA, type Notice } from './notice-kinds';

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

/** At most one nudge per this long: a burst of notices wakes the sender once, and it takes them all. */
const NUDGE_DEBOUNCE_MS = 2_000;

/**
 * Asks the notifications job to run now instead of at its next minute. Best effort: if the nudge is lost the schedule
 * still sends the notice within a minute, so a failure here never fails the caller.
 */
export async function nudgeDelivery(rt: Runtime): Promise<void> {
  try {
    if (!(await rt.kv.setIfAbsent('notifications:nudge', true, NUDGE_DEBOUNCE_MS))) return;
    await rt.bus.publish('jobs', { job: 'notifications' }, { reason: 'notice-queued' });
  } catch (error) {
    rt.log.warn('notifications job not nudged; the schedule will send the notice', { error });
  }
}
