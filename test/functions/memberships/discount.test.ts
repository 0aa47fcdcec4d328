import { upgradeProration } from '../../../functions/memberships/change-tier';
import { quoteDiscount } from '../../../functions/memberships/discount';

const member = (tier: 'BRONZE' | 'SILVER' | 'GOLD') => ({ membershipId: 'mem_1', tier, status: 'active', cancelAtPeriodEnd: false, periodEnd: '2026-04-15T17:00:00.000Z' });
const now = new Date('2026-03-20T12:00:00Z');

describe('member discount, exact to the cent (rounding rule: half up on the discount)', () => {
  it.each([
    // subtotal cents, tier, discount cents, final cents
    [10000, 'BRONZE', 1000, 9000],
    [10000, 'GOLD', 3000, 7000],
    [5, 'BRONZE', 1, 4], // 0.5 cent → 1 cent
    [4, 'BRONZE', 0, 4], // 0.4 cent → 0
    [15, 'GOLD', 5, 10], // 4.5 cents → 5
    [1999, 'BRONZE', 200, 1799], // 199.9 → 200
    [1995, 'SILVER', 399, 1596], // exactly 399
    [1997, 'SILVER', 399, 1598], // 399.4 → 399
    [1998, 'GOLD', 599, 1399], // 599.4 → 599
    [2005, 'SILVER', 401, 1604], // exactly 401
    [2, 'GOLD', 1, 1], // 0.6 → 1
    [0, 'GOLD', 0, 0],
    [99999999999, 'GOLD', 30000000000, 69999999999], // large totals stay exact
  ] as const)('%i cents at %s: %i off, %i to pay', (subtotal, tier, discountCents, finalCents) => {
    const quote = quoteDiscount(member(tier), subtotal, now);
    expect(quote).toMatchObject({ isMember: true, tier, discountCents, finalTotalCents: finalCents });
    expect(quote.discountCents + quote.finalTotalCents).toBe(subtotal);
  });

  it.each([
    ['no membership', { membershipId: null, tier: null, status: null, cancelAtPeriodEnd: false, periodEnd: null }],
    ['suspended', { ...member('GOLD'), status: 'suspended' }],
    ['cancelled', { ...member('GOLD'), status: 'cancelled' }],
    ['cancelling, period over', { ...member('GOLD'), cancelAtPeriodEnd: true, periodEnd: '2026-03-20T11:59:59.000Z' }],
  ])('%s: no discount', (_label, standing) => {
    expect(quoteDiscount(standing as never, 1234, now)).toEqual({
      isMember: false,
      tier: null,
      discountPercent: 0,
      subtotalCents: 1234,
      discountCents: 0,
      finalTotalCents: 1234,
    });
  });

  it('past due keeps the discount (grace), and so does a cancellation until its period end', () => {
    expect(quoteDiscount({ ...member('SILVER'), status: 'past_due' }, 1000, now).discountCents).toBe(200);
    expect(quoteDiscount({ ...member('SILVER'), cancelAtPeriodEnd: true }, 1000, now).discountCents).toBe(200);
  });
});

describe('upgrade proration by local days left', () => {
  const period = { tier: 'BRONZE', period_start: '2026-03-15T17:00:00.000Z', period_end: '2026-04-15T17:00:00.000Z' };
  const tz = 'America/Chicago';
  it.each([
    // now, tier, days left, charge cents
    ['2026-03-15T18:00:00Z', 'SILVER', 31, 5000], // the first day: the whole difference
    ['2026-03-25T12:00:00Z', 'SILVER', 21, 3387], // 5000 × 21/31 = 3387.09…
    ['2026-03-25T12:00:00Z', 'GOLD', 21, 10161], // 15000 × 21/31 = 10161.29…
    ['2026-04-15T04:59:00Z', 'GOLD', 1, 484], // 14 April 23:59 local: one day left; 15000/31 = 483.87…
    ['2026-04-15T16:00:00Z', 'GOLD', 0, 0], // the renewal day itself: nothing left to prorate
  ] as const)('at %s to %s: %i days left, %i cents', (at, tier, daysLeft, cents) => {
    const proration = upgradeProration(period, tier, new Date(at), tz);
    expect(proration.daysInPeriod).toBe(31);
    expect(proration.daysLeft).toBe(daysLeft);
    expect(proration.amountCents).toBe(cents);
  });
});
