import { paymentFailureError } from '@shared/payments/payment-failure';
import type { TakenPayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { withCustomerLock } from './customer-lock';
import { chargeMembership, recordPaidChange } from './membership-charge';
import { type MembershipRow, changeOf } from './membership-record';
import { sendMembershipNotice } from './membership-notices';
import { recordMembershipEvent } from './membership-store';
import { requireOpenMembership } from './open-membership';
import { paidRenewalChange, renewalTier } from './renewal-change';
import { sealPaymentToken } from './sealed-fields';

/**
 * Puts a new card on a membership. For an active one it is simply kept for the next renewal. For one in dunning
 * (past_due or suspended) the overdue renewal is charged to it at once: on approval the membership is active again
 * (recovered) and dunning stops; on refusal nothing changes and the card is not kept.
 */
export async function updatePaymentMethod(
  rt: Runtime,
  input: { customerId: string; token: string; actor: string },
): Promise<{ membership: MembershipRow; payment: TakenPayment | null }> {
  return withCustomerLock(rt, input.customerId, async () => {
    const current = await requireOpenMembership(rt, input.customerId, ['active', 'past_due', 'suspended']);
    const sealed = await sealPaymentToken(rt, current.membership_id, input.token);
    if (current.status === 'active') {
      // The card's digits are only known from a charge; until the next one, none are shown rather than the old card's.
      const change = changeOf(current, 'payment_method_updated', input.actor, { payment_token_sealed: sealed, card_last4: null, card_type: null });
      return { membership: await recordMembershipEvent(rt, current, change), payment: null };
    }
    const tier = renewalTier(current);
    const payment = await chargeMembership(rt, current, {
      purpose: 'membership.recovery',
      amountCents: tier.priceCents,
      paymentKey: `membership.recovery:${current.membership_id}:${current.seq}`,
      description: `${tier.name} membership, overdue renewal`,
      token: input.token,
    });
    if (payment.outcome !== 'approved') throw paymentFailureError(payment);
    const restartAt = current.status === 'suspended' ? rt.clock.now() : undefined;
    const change = { ...paidRenewalChange(current, 'recovered', input.actor, payment, rt.config.BUSINESS_TIMEZONE, restartAt), payment_token_sealed: sealed };
    const membership = await recordPaidChange(rt, current, change, payment);
    await sendMembershipNotice(rt, membership).catch((error) => rt.log.warn('recovery notice not queued', { error }));
    return { membership, payment };
  });
}
