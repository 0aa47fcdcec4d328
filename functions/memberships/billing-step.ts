import type { TakenPayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { releaseActiveSlot } from './active-slot';
import { localDate } from '@shared/calendar';
import { dunningAction } from './dunning';
import { chargeMembership, recordPaidChange } from './membership-charge';
import { type MembershipRow, changeOf } from './membership-record';
import { PAYMENT_FAILED_REASON, sendMembershipNotice } from './membership-notices';
import { membershipById, recordMembershipEvent } from './membership-store';
import { paidRenewalChange, renewalTier } from './renewal-change';
import { deleteStoredCard, storedCardColumns, storedCardOf } from './stored-card';

/** What the billing run did to one membership. */
export type BillingStepResult =
  | 'renewed'
  | 'renewal_failed'
  | 'retry_failed'
  | 'suspended'
  | 'recovered'
  | 'ended'
  | 'cancelled'
  | 'payment_unknown'
  | 'nothing_due';

const ACTOR = 'billing';

/**
 * Today's billing step for one membership, read fresh (the caller holds the customer's lock):
 * - active and due (its period ends today or earlier, local time): ends it if cancellation was asked for, else charges
 *   the renewal → renewed, or past_due (day 0 of dunning);
 * - past_due: retries on day 3 (→ recovered, or still past_due) and day 7 (→ recovered, or suspended);
 * - suspended: cancels on day 14.
 * Each step records one ledger row and queues its notification. Charges go to the card stored at the gateway; a
 * membership that ends has it deleted. A charge whose answer is lost changes nothing: the next run sends the same
 * invoice again, which the gateway recognises, so a member is never charged twice for one step.
 */
export async function billMembership(rt: Runtime, membershipId: string, now: Date): Promise<BillingStepResult> {
  const current = await membershipById(rt, membershipId);
  if (!current || current.status === 'cancelled') return 'nothing_due';
  const timeZone = rt.config.BUSINESS_TIMEZONE;

  if (current.status === 'active') {
    if (localDate(new Date(current.period_end), timeZone) > localDate(now, timeZone)) return 'nothing_due';
    if (current.cancel_at_period_end) {
      const ended = await record(rt, current, changeOf(current, 'cancelled', ACTOR, { status: 'cancelled', ended_at: current.period_end, ...storedCardColumns(null) }));
      await releaseActiveSlot(rt, ended.customer_id, ended.membership_id);
      await deleteStoredCard(rt, ended.membership_id, storedCardOf(current), 'membership ended');
      return 'ended';
    }
    const payment = await chargeRenewal(rt, current, 1);
    if (payment?.outcome === 'unknown') return 'payment_unknown';
    if (payment?.outcome === 'approved') {
      await notice(rt, await recordPaidChange(rt, current, paidRenewalChange(current, 'renewed', ACTOR, payment, timeZone), payment));
      return 'renewed';
    }
    await record(rt, current, changeOf(current, 'renewal_failed', ACTOR, { status: 'past_due', failed_attempts: 1, past_due_since: now.toISOString() }));
    return 'renewal_failed';
  }

  const action = dunningAction(current, now, timeZone);
  if (action.kind === 'wait') return 'nothing_due';
  if (action.kind === 'cancel') {
    const cancelled = await record(
      rt,
      current,
      changeOf(current, 'cancelled', ACTOR, {
        status: 'cancelled',
        ended_at: now.toISOString(),
        cancel_reason: PAYMENT_FAILED_REASON,
        ...storedCardColumns(null),
      }),
    );
    await releaseActiveSlot(rt, cancelled.customer_id, cancelled.membership_id);
    await deleteStoredCard(rt, cancelled.membership_id, storedCardOf(current), 'membership cancelled after failed payments');
    return 'cancelled';
  }
  const payment = await chargeRenewal(rt, current, action.attempt);
  if (payment?.outcome === 'unknown') return 'payment_unknown';
  if (payment?.outcome === 'approved') {
    await notice(rt, await recordPaidChange(rt, current, paidRenewalChange(current, 'recovered', ACTOR, payment, timeZone), payment));
    return 'recovered';
  }
  if (action.attempt === 2) {
    await record(rt, current, changeOf(current, 'retry_failed', ACTOR, { failed_attempts: 2 }));
    return 'retry_failed';
  }
  await record(rt, current, changeOf(current, 'suspended', ACTOR, { status: 'suspended', failed_attempts: 3 }));
  return 'suspended';
}

/**
 * Charges attempt `attempt` (1 renewal, 2 and 3 retries) of the renewal due at the period end to the stored card;
 * null without one (its notice then asks for a payment method).
 */
async function chargeRenewal(rt: Runtime, current: MembershipRow, attempt: number): Promise<TakenPayment | null> {
  if (!storedCardOf(current)) return null;
  const tier = renewalTier(current);
  return chargeMembership(rt, current, {
    purpose: 'membership.renewal',
    amountCents: tier.priceCents,
    paymentKey: `membership.renewal:${current.membership_id}:${current.period_end}:${attempt}`,
    description: `${tier.name} membership renewal${attempt > 1 ? `, retry ${attempt - 1}` : ''}`,
  });
}

async function record(rt: Runtime, current: MembershipRow, change: Parameters<typeof recordMembershipEvent>[2]): Promise<MembershipRow> {
  const row = await recordMembershipEvent(rt, current, change);
  await notice(rt, row);
  return row;
}

/** Queues the step's notification; a failure is caught up by the run's missed-notice pass. */
async function notice(rt: Runtime, row: MembershipRow): Promise<void> {
  await sendMembershipNotice(rt, row).catch((error) => rt.log.warn('membership notice not queued; the billing run will retry', { error, eventId: row.event_id }));
}
