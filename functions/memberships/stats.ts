import { DAY_MS } from '@shared/calendar';
import type { Runtime } from '@shared/runtime';
import { centsToDollars } from '@shared/money';
import { TIER_NAMES, type TierName } from './tiers';
import { membershipsCurrent, paymentsTaken } from '@shared/warehouse/schema/memberships';

/** The columns of a membership that the statistics read. */
export interface StatsMembership {
  tier: string;
  status: string;
  price_cents: number;
  cancel_at_period_end: boolean;
  started_at: string;
  ended_at: string | null;
  /** The stored card's profile id; null when none is on file. */
  gateway_customer_profile_id: string | null;
}

const DAYS_PER_MONTH = 365.25 / 12;
/** The churn window, in days. */
export const CHURN_WINDOW_DAYS = 30;

const round1 = (value: number) => Math.round(value * 10) / 10;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Membership statistics from the current state of every membership and the money actually collected:
 * - members with benefits are active plus past due (still in dunning grace); MRR is their monthly prices, by tier;
 * - churn over the last 30 days: of the members who had a membership when the window opened, the share whose
 *   membership ended in it (null when there were none);
 * - lifetime value from observed tenure: the average monthly price of current members times the average tenure of
 *   every membership so far (ended ones to their end, open ones to now), beside the revenue collected per membership;
 * - payment methods: open memberships with a card stored at the gateway, and those without one (storing it failed
 *   after a paid charge), whose next renewal will ask the member for a card.
 */
export function computeMembershipStats(memberships: readonly StatsMembership[], collectedCents: number, now: Date) {
  const withBenefits = memberships.filter((m) => m.status === 'active' || m.status === 'past_due');
  const tiers = Object.fromEntries(
    TIER_NAMES.map((tier) => {
      const members = withBenefits.filter((m) => m.tier === tier);
      const mrrCents = members.reduce((sum, m) => sum + m.price_cents, 0);
      return [
        tier,
        {
          activeMembers: members.length,
          mrr: centsToDollars(mrrCents),
          mrrCents,
          percentOfMembers: withBenefits.length ? round1((100 * members.length) / withBenefits.length) : 0,
        },
      ];
    }),
  ) as Record<TierName, { activeMembers: number; mrr: number; mrrCents: number; percentOfMembers: number }>;
  const mrrCents = withBenefits.reduce((sum, m) => sum + m.price_cents, 0);
  const open = memberships.filter((m) => m.status !== 'cancelled');

  const windowStart = now.getTime() - CHURN_WINDOW_DAYS * DAY_MS;
  const started = (m: StatsMembership) => Date.parse(m.started_at);
  const ended = (m: StatsMembership) => (m.ended_at ? Date.parse(m.ended_at) : Number.POSITIVE_INFINITY);
  const atStart = memberships.filter((m) => started(m) < windowStart && ended(m) >= windowStart);
  const churned = atStart.filter((m) => ended(m) < now.getTime());
  const cancellations = memberships.filter((m) => ended(m) >= windowStart && ended(m) < now.getTime());

  const tenureDays = memberships.map((m) => (Math.min(ended(m), now.getTime()) - started(m)) / DAY_MS);
  const averageTenureDays = tenureDays.length ? tenureDays.reduce((a, b) => a + b, 0) / tenureDays.length : 0;
  const pricedBy = withBenefits.length ? withBenefits : memberships;
  const averageMonthlyPriceCents = pricedBy.length ? pricedBy.reduce((sum, m) => sum + m.price_cents, 0) / pricedBy.length : 0;

  return {
    asOf: now.toISOString(),
    activeMembers: withBenefits.length,
    members: {
      active: memberships.filter((m) => m.status === 'active').length,
      pastDue: memberships.filter((m) => m.status === 'past_due').length,
      suspended: memberships.filter((m) => m.status === 'suspended').length,
      cancelled: memberships.filter((m) => m.status === 'cancelled').length,
      cancellingAtPeriodEnd: withBenefits.filter((m) => m.cancel_at_period_end).length,
      total: memberships.length,
    },
    mrr: centsToDollars(mrrCents),
    mrrCents,
    tiers,
    churn: {
      windowDays: CHURN_WINDOW_DAYS,
      membersAtStart: atStart.length,
      churned: churned.length,
      rate: atStart.length ? round4(churned.length / atStart.length) : null,
      cancellations: cancellations.length,
      newMembers: memberships.filter((m) => started(m) >= windowStart).length,
    },
    lifetimeValue: {
      estimated: centsToDollars(Math.round((averageMonthlyPriceCents * averageTenureDays) / DAYS_PER_MONTH)),
      averageTenureDays: round1(averageTenureDays),
      averageMonthlyPrice: centsToDollars(Math.round(averageMonthlyPriceCents)),
      collectedPerMembership: memberships.length ? centsToDollars(Math.round(collectedCents / memberships.length)) : 0,
    },
    revenueCollected: centsToDollars(collectedCents),
    paymentMethods: {
      onFile: open.filter((m) => m.gateway_customer_profile_id !== null).length,
      missing: open.filter((m) => m.gateway_customer_profile_id === null).length,
    },
  };
}

/** Membership statistics computed from the ledger and the payments taken (admin). */
export async function membershipStats(rt: Runtime) {
  const [memberships, collected] = await Promise.all([
    rt.warehouse.query<StatsMembership>(
      (d) => `SELECT tier, status, price_cents, cancel_at_period_end, started_at, ended_at, gateway_customer_profile_id FROM ${d.table(membershipsCurrent)}`,
    ),
    // Approved membership charges that were not later voided or refunded.
    rt.warehouse.query<{ collected_cents: number | null }>(
      (d) => `SELECT SUM(a.amount_cents) AS collected_cents
FROM ${d.table(paymentsTaken)} AS a
WHERE a.status = 'approved' AND STARTS_WITH(a.purpose, 'membership.')
  AND NOT EXISTS (
    SELECT 1 FROM ${d.table(paymentsTaken)} AS r
    WHERE r.status IN ('voided', 'refunded') AND r.charge_transaction_id = a.transaction_id
  )`,
    ),
  ]);
  return computeMembershipStats(memberships, Number(collected[0]?.collected_cents ?? 0), rt.clock.now());
}
