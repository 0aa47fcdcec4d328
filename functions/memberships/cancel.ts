import type { Runtime } from '@shared/runtime';
import { releaseActiveSlot } from './active-slot';
import { withCustomerLock } from './customer-lock';
import { type MembershipRow, changeOf } from './membership-record';
import { sendMembershipNotice } from './membership-notices';
import { recordMembershipEvent } from './membership-store';
import { requireOpenMembership } from './open-membership';
import { deleteStoredCard, storedCardColumns, storedCardOf } from './stored-card';

/**
 * Ends a membership at the close of what the member has paid for. An active membership keeps its benefits until the
 * period end, when the billing run ends it instead of renewing (and deletes the stored card). A past-due or suspended
 * one has no paid time left, so it ends now, stops dunning and its stored card is deleted. Cancelling again changes
 * nothing.
 */
export async function cancel(rt: Runtime, input: { customerId: string; reason: string; actor: string }): Promise<{ membership: MembershipRow; endsAt: string }> {
  return withCustomerLock(rt, input.customerId, async () => {
    const current = await requireOpenMembership(rt, input.customerId, ['active', 'past_due', 'suspended']);
    if (current.status === 'active') {
      if (current.cancel_at_period_end) return { membership: current, endsAt: current.period_end };
      const membership = await recordMembershipEvent(
        rt,
        current,
        // A scheduled downgrade has no next period to apply to.
        changeOf(current, 'cancel_requested', input.actor, { cancel_at_period_end: true, cancel_reason: input.reason, pending_tier: null }),
      );
      return { membership, endsAt: membership.period_end };
    }
    const now = rt.clock.now().toISOString();
    const membership = await recordMembershipEvent(
      rt,
      current,
      changeOf(current, 'cancelled', input.actor, { status: 'cancelled', cancel_reason: input.reason, ended_at: now, ...storedCardColumns(null) }),
    );
    await releaseActiveSlot(rt, membership.customer_id, membership.membership_id);
    await deleteStoredCard(rt, membership.membership_id, storedCardOf(current), 'membership cancelled');
    await sendMembershipNotice(rt, membership).catch((error) => rt.log.warn('cancellation notice not queued', { error }));
    return { membership, endsAt: now };
  });
}
