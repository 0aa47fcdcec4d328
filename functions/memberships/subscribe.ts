import { randomBytes } from 'node:crypto';
import { requireAgeVerified } from '@shared/age-check/require-age-verified';
import { HttpError } from '@shared/http/errors';
import { paymentGateway } from '@shared/payments/gateway-for-runtime';
import { paymentFailureError } from '@shared/payments/payment-failure';
import { type TakenPayment, reversePayment, takePayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { reserveActiveSlot } from './active-slot';
import { addCalendarMonths } from '@shared/calendar';
import type { MembershipRow } from './membership-record';
import { sendMembershipNotice } from './membership-notices';
import { recordMembershipEvent } from './membership-store';
import { sealEmail } from './sealed-fields';
import { deleteStoredCard, storeCardOfCharge, storedCardColumns } from './stored-card';
import { TIERS, type TierName } from './tiers';

/** What a subscribe asks for. */
export interface SubscribeInput {
  customerId: string;
  email: string;
  tier: TierName;
  token: string;
  /** The request's Idempotency-Key: a retry with it reuses the gateway invoice, so the gateway never charges twice. */
  idempotencyKey: string | null;
  actor: string;
}

/** A new membership id. */
export function newMembershipId(): string {
  return `mem_${randomBytes(12).toString('hex')}`;
}

/**
 * Starts a membership: the customer must be age-verified and have no open membership (its slot is taken atomically,
 * so concurrent subscribes charge at most once), the first month is charged, the card is stored at the gateway for
 * renewals, then the membership is recorded. If it cannot be recorded, the charge is voided, the stored card deleted
 * and the answer is 503: no charge without a membership, and no membership without a charge.
 */
export async function subscribe(rt: Runtime, input: SubscribeInput): Promise<{ membership: MembershipRow; payment: TakenPayment }> {
  await requireAgeVerified(rt, input.customerId);
  const slot = await reserveActiveSlot(rt, input.customerId);
  try {
    const membershipId = newMembershipId();
    const tier = TIERS[input.tier];
    const gateway = paymentGateway(rt);
    const payment = await takePayment(rt, gateway, {
      customerId: input.customerId,
      purpose: 'membership.subscribe',
      subjectId: membershipId,
      amountCents: tier.priceCents,
      source: { kind: 'token', token: input.token },
      paymentKey: `membership.subscribe:${input.customerId}:${input.idempotencyKey ?? membershipId}`,
      description: `${tier.name} membership, first month`,
    });
    if (payment.outcome !== 'approved') throw paymentFailureError(payment);
    // The token is spent now; renewals charge the card stored from this charge. Without one the membership still
    // starts (the member paid), and its first renewal asks for a payment method.
    const card = await storeCardOfCharge(rt, membershipId, payment);

    let membership: MembershipRow;
    try {
      const now = rt.clock.now();
      membership = await recordMembershipEvent(rt, null, {
        membership_id: membershipId,
        customer_id: input.customerId,
        event_type: 'subscribed',
        status: 'active',
        tier: tier.name,
        price_cents: tier.priceCents,
        pending_tier: null,
        billing_anchor: now.toISOString(),
        period_start: now.toISOString(),
        period_end: addCalendarMonths(now, 1, rt.config.BUSINESS_TIMEZONE).toISOString(),
        cancel_at_period_end: false,
        cancel_reason: null,
        failed_attempts: 0,
        past_due_since: null,
        payment_token_sealed: null,
        ...storedCardColumns(card),
        // The card shown is the card on file: none when it could not be stored.
        card_last4: card ? (payment.card?.last4 ?? null) : null,
        card_type: card ? (payment.card?.type ?? null) : null,
        email_sealed: await sealEmail(rt, membershipId, input.email),
        amount_cents: payment.amountCents,
        transaction_id: payment.transactionId,
        started_at: now.toISOString(),
        ended_at: null,
        actor: input.actor,
      });
    } catch (error) {
      await reversePayment(rt, gateway, payment, 'membership could not be saved');
      await deleteStoredCard(rt, membershipId, card, 'membership could not be saved');
      throw new HttpError(503, 'MEMBERSHIP_NOT_SAVED', 'The membership could not be saved, so the payment was voided; please try again', {
        cause: error,
        details: { paymentId: payment.paymentId },
      });
    }
    // Not fatal: until the claim is written the hold stands, and once it lapses the slot is rebuilt from the ledger.
    await slot.confirm(membership.membership_id).catch((error) => rt.log.warn('membership slot not confirmed', { error }));
    // Not fatal either: the billing run queues notices that are missing.
    await sendMembershipNotice(rt, membership).catch((error) => rt.log.warn('welcome notice not queued; the billing run will retry', { error }));
    return { membership, payment };
  } catch (error) {
    await slot.release().catch(() => undefined);
    throw error;
  }
}
