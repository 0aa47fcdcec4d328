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
import { deleteStoredCard, storeCardOfCharge, storeCardOfToken, storedCardColumns, storedCardOf } from './stored-card';

/**
 * Puts a new card on a membership in place of the stored one, which is then deleted at the gateway.
 * - Active: nothing is due, so the card is verified by the gateway (a zero-amount authorization) and stored; a card
 *   it refuses is 402 and the old card stays.
 * - In dunning (past_due or suspended): the overdue renewal is charged to the new card at once; on approval the
 *   membership is active again (recovered), dunning stops and the card is stored from that charge. If storing fails
 *   the membership recovers without a card on file (the old one is the card that failed), and its next renewal asks
 *   for one. On refusal nothing changes.
 */
export async function updatePaymentMethod(
  rt: Runtime,
  input: { customerId: string; token: string; actor: string },
): Promise<{ membership: MembershipRow; payment: TakenPayment | null }> {
  return withCustomerLock(rt, input.customerId, async () => {
    const current = await requireOpenMembership(rt, input.customerId, ['active', 'past_due', 'suspended']);
    const previous = storedCardOf(current);
    if (current.status === 'active') {
      const { card, masked } = await storeCardOfToken(rt, current.membership_id, input.token);
      const change = changeOf(current, 'payment_method_updated', input.actor, {
        ...storedCardColumns(card),
        card_last4: masked?.last4 ?? null,
        card_type: masked?.type ?? null,
      });
      let membership: MembershipRow;
      try {
        membership = await recordMembershipEvent(rt, current, change);
      } catch (error) {
        await deleteStoredCard(rt, current.membership_id, card, 'card change could not be saved');
        throw error;
      }
      await deleteStoredCard(rt, current.membership_id, previous, 'replaced by a new card');
      return { membership, payment: null };
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
    const card = await storeCardOfCharge(rt, current.membership_id, payment);
    const restartAt = current.status === 'suspended' ? rt.clock.now() : undefined;
    const change = {
      ...paidRenewalChange(current, 'recovered', input.actor, payment, rt.config.BUSINESS_TIMEZONE, restartAt),
      ...storedCardColumns(card),
      // The card shown is the card on file; none is shown when the new one could not be stored.
      ...(card ? {} : { card_last4: null, card_type: null }),
    };
    let membership: MembershipRow;
    try {
      membership = await recordPaidChange(rt, current, change, payment);
    } catch (error) {
      await deleteStoredCard(rt, current.membership_id, card, 'recovery could not be saved');
      throw error;
    }
    await deleteStoredCard(rt, current.membership_id, previous, 'replaced by a new card');
    await sendMembershipNotice(rt, membership).catch((error) => rt.log.warn('recovery notice not queued', { error }));
    return { membership, payment };
  });
}
