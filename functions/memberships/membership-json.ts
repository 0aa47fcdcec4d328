import { localDate } from '@shared/calendar';
import { nextDunningDate } from './dunning';
import { type MembershipRow, hasBenefits } from './membership-record';
import { centsToDollars } from '@shared/money';
import { storedCardOf } from './stored-card';
import { tierOf } from './tiers';

/** A membership as the API shows it (dollars at the edge, dates in the business time zone; no gateway ids, no email). */
export function membershipJson(row: MembershipRow, timeZone: string, now: Date) {
  const tier = tierOf(row.tier);
  const renews = row.status === 'active' && !row.cancel_at_period_end;
  const upcomingTier = row.pending_tier ? tierOf(row.pending_tier) : tier;
  return {
    membershipId: row.membership_id,
    customerId: row.customer_id,
    tier: tier.name,
    // A member who cancelled reads "cancelled" at once; benefitsActive and benefitsUntil say the paid period runs on.
    status: row.cancel_at_period_end && row.status === 'active' ? ('cancelled' as const) : row.status,
    monthlyPrice: centsToDollars(row.price_cents),
    /** The same monthly price, under the name the shop's front ends read. */
    price: centsToDollars(row.price_cents),
    discountPercent: tier.discountPercent,
    benefits: tier.benefits,
    benefitsActive: hasBenefits(row, now),
    currentPeriodStart: row.period_start,
    currentPeriodEnd: row.period_end,
    nextBillingDate: renews ? localDate(new Date(row.period_end), timeZone) : null,
    nextBillingAmount: renews ? centsToDollars(upcomingTier.priceCents) : null,
    pendingTier: row.pending_tier,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    cancelReason: row.cancel_reason,
    benefitsUntil: row.cancel_at_period_end ? row.period_end : null,
    pastDueSince: row.past_due_since,
    failedPaymentAttempts: row.failed_attempts,
    nextDunningDate: nextDunningDate(row, timeZone),
    card: row.card_last4 ? { last4: row.card_last4, type: row.card_type } : null,
    // False when no card is stored at the gateway: the member should add one before the next renewal.
    paymentMethodOnFile: storedCardOf(row) !== null,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    lastChange: { event: row.event_type, at: row.occurred_at },
  };
}

/** The API shape of a membership. */
export type MembershipJson = ReturnType<typeof membershipJson>;
