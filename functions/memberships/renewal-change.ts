import type { TakenPayment } from '@shared/payments/payment-ledger';
import { addCalendarMonths } from '@shared/calendar';
import { nextPeriodEnd } from './billing-calendar';
import { type MembershipChange, type MembershipRow, changeOf } from './membership-record';
import { tierOf } from './tiers';

/** The price the next period is charged at: the pending (downgraded) tier's, else the current tier's. */
export function renewalTier(current: Pick<MembershipRow, 'tier' | 'pending_tier'>) {
  return tierOf(current.pending_tier ?? current.tier);
}

/**
 * The change a paid renewal makes: the next period begins where the paid one ended (also when a past-due renewal is
 * paid late: the member kept benefits meanwhile) and a pending downgrade takes effect. With `restartAt` (paying for a
 * suspended membership) the member had no benefits, so billing restarts then, with a new anchor.
 */
export function paidRenewalChange(
  current: MembershipRow,
  eventType: 'renewed' | 'recovered',
  actor: string,
  payment: TakenPayment,
  timeZone: string,
  restartAt?: Date,
): MembershipChange {
  const tier = renewalTier(current);
  const anchor = restartAt ?? new Date(current.billing_anchor);
  const periodStart = restartAt ?? new Date(current.period_end);
  const periodEnd = restartAt ? addCalendarMonths(restartAt, 1, timeZone) : nextPeriodEnd(anchor, periodStart, timeZone);
  return changeOf(current, eventType, actor, {
    status: 'active',
    tier: tier.name,
    price_cents: tier.priceCents,
    pending_tier: null,
    billing_anchor: anchor.toISOString(),
    period_start: periodStart.toISOString(),
    period_end: periodEnd.toISOString(),
    failed_attempts: 0,
    past_due_since: null,
    card_last4: payment.card?.last4 ?? current.card_last4,
    card_type: payment.card?.type ?? current.card_type,
  });
}
