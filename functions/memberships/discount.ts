import type { Runtime } from '@shared/runtime';
import { hasBenefits } from './membership-record';
import { discountCacheKey, latestMembershipOf } from './membership-store';
import { centsToDollars, percentOfCents } from '@shared/money';
import { type TierName, tierOf } from './tiers';

/** What decides a customer's discount, as cached in kv. */
export interface DiscountStanding {
  membershipId: string | null;
  tier: TierName | null;
  status: string | null;
  cancelAtPeriodEnd: boolean;
  periodEnd: string | null;
}

/**
 * Short, because a reader that fetched the standing just before a change could cache it just after the change's
 * invalidation; the window of such a stale answer is this long at most.
 */
export const DISCOUNT_CACHE_TTL_MS = 60_000;

/** The customer's discount standing: kv first (sub-millisecond), else the ledger, which then fills the cache. */
export async function discountStanding(rt: Runtime, customerId: string): Promise<DiscountStanding> {
  const key = discountCacheKey(customerId);
  const cached = await rt.kv.get<DiscountStanding>(key);
  if (cached) return cached;
  const row = await latestMembershipOf(rt, customerId);
  const standing: DiscountStanding = row
    ? { membershipId: row.membership_id, tier: row.tier as TierName, status: row.status, cancelAtPeriodEnd: row.cancel_at_period_end, periodEnd: row.period_end }
    : { membershipId: null, tier: null, status: null, cancelAtPeriodEnd: false, periodEnd: null };
  await rt.kv.setIfAbsent(key, standing, DISCOUNT_CACHE_TTL_MS);
  return standing;
}

/** A checkout quote: the member discount on a subtotal, exact to the cent. */
export interface DiscountQuote {
  isMember: boolean;
  tier: TierName | null;
  discountPercent: number;
  subtotalCents: number;
  discountCents: number;
  finalTotalCents: number;
}

/**
 * The discount on `subtotalCents`: the tier's percent of the subtotal rounded half up to the cent (a result of exactly
 * half a cent gives the customer the larger cent), and the total is the subtotal minus exactly that. Only members with
 * benefits (active, or past due within dunning grace) get it.
 */
export function quoteDiscount(standing: DiscountStanding, subtotalCents: number, now: Date): DiscountQuote {
  const eligible =
    standing.tier !== null &&
    standing.status !== null &&
    standing.periodEnd !== null &&
    hasBenefits({ status: standing.status, cancel_at_period_end: standing.cancelAtPeriodEnd, period_end: standing.periodEnd }, now);
  const discountPercent = eligible && standing.tier ? tierOf(standing.tier).discountPercent : 0;
  const discountCents = percentOfCents(subtotalCents, discountPercent);
  return {
    isMember: eligible,
    tier: eligible ? standing.tier : null,
    discountPercent,
    subtotalCents,
    discountCents,
    finalTotalCents: subtotalCents - discountCents,
  };
}

/** A quote as the API shows it: dollars for display, cents for exact arithmetic downstream. */
export function discountJson(customerId: string, quote: DiscountQuote) {
  return {
    customerId,
    isMember: quote.isMember,
    tier: quote.tier,
    discountPercent: quote.discountPercent,
    subtotal: centsToDollars(quote.subtotalCents),
    discountAmount: centsToDollars(quote.discountCents),
    finalTotal: centsToDollars(quote.finalTotalCents),
    subtotalCents: quote.subtotalCents,
    discountCents: quote.discountCents,
    finalTotalCents: quote.finalTotalCents,
    roundingRule: 'half-up to the cent on the discount',
  };
}
