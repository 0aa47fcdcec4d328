import { HttpError } from '@shared/http/errors';
import type { CardSummary, StoredCard } from '@shared/payments/gateway';
import { paymentFailureError } from '@shared/payments/payment-failure';
import type { TakenPayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { daysBetween, localDate } from '@shared/calendar';
import { withCustomerLock } from './customer-lock';
import { chargeMembership, recordPaidChange } from './membership-charge';
import { type MembershipRow, changeOf } from './membership-record';
import { sendMembershipNotice } from './membership-notices';
import { recordMembershipEvent } from './membership-store';
import { prorateCents } from '@shared/money';
import { requireOpenMembership } from './open-membership';
import { deleteStoredCard, storeCardOfCharge, storeCardOfToken, storedCardColumns, storedCardOf } from './stored-card';
import { TIERS, type TierName, tierOf, tierRank } from './tiers';

/** What an upgrade costs now: the price difference times the share of the period left, rounded half up. */
export interface Proration {
  daysLeft: number;
  daysInPeriod: number;
  differenceCents: number;
  amountCents: number;
}

/**
 * The prorated charge for moving to a dearer tier today. Days are local calendar days; today counts as a day left
 * (the new benefits apply from today), the period end's day does not (it starts the next period).
 */
export function upgradeProration(current: Pick<MembershipRow, 'tier' | 'period_start' | 'period_end'>, tier: TierName, now: Date, timeZone: string): Proration {
  const start = localDate(new Date(current.period_start), timeZone);
  const end = localDate(new Date(current.period_end), timeZone);
  const daysInPeriod = Math.max(1, daysBetween(start, end));
  const daysLeft = Math.min(daysInPeriod, Math.max(0, daysBetween(localDate(now, timeZone), end)));
  const differenceCents = TIERS[tier].priceCents - tierOf(current.tier).priceCents;
  return { daysLeft, daysInPeriod, differenceCents, amountCents: prorateCents(differenceCents, daysLeft, daysInPeriod) };
}

/** A tier change a customer asks for. */
export interface TierChangeInput {
  customerId: string;
  tier: TierName;
  /** A new card's token for the charge; the card is then stored for the renewals after it. */
  token?: string;
  actor: string;
}

/**
 * Moves an active membership to a dearer tier at once, charging the prorated difference now to the stored card (or
 * to a new card, which then replaces the stored one; if the new card cannot be stored the old one stays on file). The
 * benefits change immediately; the next renewal is at the new tier's price. A pending downgrade is dropped.
 */
export async function upgrade(rt: Runtime, input: TierChangeInput): Promise<{ membership: MembershipRow; payment: TakenPayment | null; proration: Proration }> {
  return withCustomerLock(rt, input.customerId, async () => {
    const current = await requireOpenMembership(rt, input.customerId, ['active']);
    if (tierRank(input.tier) <= tierRank(current.tier as TierName)) {
      throw new HttpError(409, 'NOT_AN_UPGRADE', `An upgrade must be to a tier above ${current.tier}`, { details: { field: 'tier', current: current.tier } });
    }
    const proration = upgradeProration(current, input.tier, rt.clock.now(), rt.config.BUSINESS_TIMEZONE);
    const tier = TIERS[input.tier];
    let payment: TakenPayment | null = null;
    let newCard: { card: StoredCard; masked: CardSummary | null } | null = null;
    if (proration.amountCents > 0) {
      payment = await chargeMembership(rt, current, {
        purpose: 'membership.upgrade',
        amountCents: proration.amountCents,
        paymentKey: `membership.upgrade:${current.membership_id}:${current.seq}:${tier.name}`,
        description: `Upgrade to ${tier.name}, ${proration.daysLeft} of ${proration.daysInPeriod} days`,
        token: input.token,
      });
      if (payment.outcome !== 'approved') throw paymentFailureError(payment);
      if (input.token) {
        const card = await storeCardOfCharge(rt, current.membership_id, payment);
        newCard = card ? { card, masked: payment.card } : null;
      }
    } else if (input.token) {
      // Nothing to charge today (the period ends today): the new card is verified and stored without a charge.
      newCard = await storeCardOfToken(rt, current.membership_id, input.token);
    }
    const cardFields = newCard
      ? { ...storedCardColumns(newCard.card), card_last4: newCard.masked?.last4 ?? null, card_type: newCard.masked?.type ?? null }
      : {};
    const change = changeOf(current, 'upgraded', input.actor, { tier: tier.name, price_cents: tier.priceCents, pending_tier: null, ...cardFields });
    let membership: MembershipRow;
    try {
      membership = payment ? await recordPaidChange(rt, current, change, payment) : await recordMembershipEvent(rt, current, change);
    } catch (error) {
      await deleteStoredCard(rt, current.membership_id, newCard?.card ?? null, 'upgrade could not be saved');
      throw error;
    }
    if (newCard) await deleteStoredCard(rt, current.membership_id, storedCardOf(current), 'replaced by a new card');
    await sendMembershipNotice(rt, membership).catch((error) => rt.log.warn('upgrade notice not queued; the billing run will retry', { error }));
    return { membership, payment, proration };
  });
}

/**
 * Schedules a cheaper tier from the next period: the current benefits and price run to the period end, and the
 * renewal charges the new tier's price. Asking again for the same tier changes nothing.
 */
export async function downgrade(rt: Runtime, input: Omit<TierChangeInput, 'token'>): Promise<{ membership: MembershipRow; effectiveDate: string }> {
  return withCustomerLock(rt, input.customerId, async () => {
    const current = await requireOpenMembership(rt, input.customerId, ['active', 'past_due']);
    if (current.cancel_at_period_end) {
      throw new HttpError(409, 'MEMBERSHIP_CANCELLING', 'The membership ends at the period end; there is no next period to downgrade');
    }
    if (tierRank(input.tier) >= tierRank(current.tier as TierName)) {
      throw new HttpError(409, 'NOT_A_DOWNGRADE', `A downgrade must be to a tier below ${current.tier}`, { details: { field: 'tier', current: current.tier } });
    }
    const effectiveDate = localDate(new Date(current.period_end), rt.config.BUSINESS_TIMEZONE);
    if (current.pending_tier === input.tier) return { membership: current, effectiveDate };
    const membership = await recordMembershipEvent(rt, current, changeOf(current, 'downgrade_scheduled', input.actor, { pending_tier: input.tier }));
    return { membership, effectiveDate };
  });
}
