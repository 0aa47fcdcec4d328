import type { Runtime } from '../runtime';

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
