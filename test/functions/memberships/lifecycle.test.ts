import { DAY_MS } from '@shared/calendar';
import { JOBS } from '../../../functions/jobs/registry';
import { type MembershipsHarness, startMemberships } from './harness';

const START = '2026-02-01T18:00:00Z'; // noon in Chicago
/** 06:00 in Chicago (CST before 8 March, CDT after), when the daily billing run fires. */
const runAt = (day: number) => new Date(Date.parse('2026-02-01T12:00:00Z') + day * DAY_MS);

/**
 * Sixty days of four members on one clock shared by the runtime and the gateway emulator, with the daily billing run
 * fired every morning: renewals, an upgrade with proration, a downgrade at the period boundary, a cancellation at the
 * period end, a card that fails through every dunning step, and a member who recovers with a new card. Card tokens
 * are single-use, as in production: each pays once, and every later charge goes to the card stored from it.
 */
describe('membership lifecycle over 60 days', () => {
  let h: MembershipsHarness;
  const billing = JOBS['membership-billing'];
  const runs: Array<Record<string, unknown>> = [];

  const get = async (customerId: string) => (await h.request('GET', `/api/memberships/${customerId}`, { as: customerId })).body.membership;
  const discount = async (customerId: string, subtotal = '100.00') =>
    (await h.request('GET', `/api/memberships/discount/${customerId}?subtotal=${subtotal}`, { as: customerId })).body;
  const notices = (customerId: string) =>
    h.rows<{ template: string; data: Record<string, unknown> }>(
      `SELECT template, data FROM ops.notification_outbox WHERE customer_id = '${customerId}' ORDER BY created_at, dedupe_key`,
    );
  const charged = (customerId: string) =>
    h.rows<{ amount_cents: number; purpose: string }>(
      `SELECT amount_cents, purpose FROM commerce.payments_taken WHERE customer_id = '${customerId}' AND status = 'approved' ORDER BY recorded_at`,
    );
  const until = async (day: number, actions: Record<number, () => Promise<void>> = {}) => {
    for (let d = runs.length + 1; d <= day; d++) {
      h.rt.clock.set(runAt(d));
      runs.push(await billing(h.rt));
      await actions[d]?.();
    }
  };

  beforeAll(async () => {
    h = await startMemberships({ start: START });
    for (const c of ['alice', 'bob', 'carol', 'dave']) await h.verifyAge(c);
    expect((await h.subscribe('alice', 'SILVER')).status).toBe(201);
    expect((await h.subscribe('bob', 'GOLD')).status).toBe(201);
    expect((await h.subscribe('carol', 'BRONZE')).status).toBe(201);
    expect((await h.subscribe('dave', 'SILVER')).status).toBe(201);
  });
  afterAll(() => h.close());

  it('day 0: four members, each charged one month, periods ending on 1 March at noon local time', async () => {
    for (const c of ['alice', 'bob', 'carol', 'dave']) expect((await get(c)).currentPeriodEnd).toBe('2026-03-01T18:00:00.000Z');
    expect(h.emulator.transactions().map((t) => t.amountCents)).toEqual([9700, 19700, 4700, 9700]);
  });

  it('days 1–20: an upgrade charges the prorated difference now; a downgrade and a cancellation wait for the period end', async () => {
    await until(20, {
      5: async () => {
        // Bob's and Carol's stored cards stop working at their banks; Dave decides to leave.
        await h.declineStoredCard('bob');
        await h.declineStoredCard('carol');
        // A card the gateway refuses is not put on file: Bob keeps the card he has.
        const before = await h.storedCard('bob');
        const refused = await h.request('PUT', '/api/memberships/bob/payment-method', { as: 'bob', json: { paymentMethod: { token: h.cardToken('tok_declined') } } });
        expect(refused.status).toBe(402);
        expect(refused.body.code).toBe('PAYMENT_DECLINED');
        expect(await h.storedCard('bob')).toEqual(before);
        const cancelled = await h.request('PUT', '/api/memberships/dave/cancel', { as: 'dave', json: { reason: 'Moving out of state' } });
        expect(cancelled.status).toBe(200);
        expect(cancelled.body.membership).toMatchObject({ status: 'cancelled', cancelAtPeriodEnd: true, cancelReason: 'Moving out of state', nextBillingDate: null });
        expect(cancelled.body.benefitsUntil).toBe('2026-03-01T18:00:00.000Z');
      },
      10: async () => {
        // 11 February: 18 of the period's 28 days left (today included); $100 × 18/28 = $64.2857… → $64.29.
        const res = await h.request('PUT', '/api/memberships/alice/upgrade', { as: 'alice', json: { tier: 'GOLD' } });
        expect(res.status).toBe(200);
        expect(res.body.proration).toEqual({ daysLeft: 18, daysInPeriod: 28, monthlyDifference: 100, charged: 64.29, chargedCents: 6429 });
        expect(res.body.membership).toMatchObject({ tier: 'GOLD', discountPercent: 30, currentPeriodEnd: '2026-03-01T18:00:00.000Z' });
        expect(h.emulator.transactions().at(-1)).toMatchObject({ amountCents: 6429, status: 'capturedPendingSettlement' });
        const lower = await h.request('PUT', '/api/memberships/alice/upgrade', { as: 'alice', json: { tier: 'SILVER' } });
        expect(lower.status).toBe(409);
        expect(lower.body.code).toBe('NOT_AN_UPGRADE');
      },
      20: async () => {
        const res = await h.request('PUT', '/api/memberships/alice/downgrade', { as: 'alice', json: { tier: 'BRONZE' } });
        expect(res.status).toBe(200);
        expect(res.body.effectiveDate).toBe('2026-03-01');
        expect(res.body.membership).toMatchObject({ tier: 'GOLD', pendingTier: 'BRONZE', nextBillingAmount: 47 });
      },
    });
    expect(await discount('alice')).toMatchObject({ tier: 'GOLD', discountPercent: 30, discountAmount: 30, finalTotal: 70 });
    expect(await discount('dave')).toMatchObject({ tier: 'SILVER', discountPercent: 20 });
    expect(runs.every((r) => r.examined === 0)).toBe(true);
  });

  it('1 March: renewals at the new tier, a failed card turns past due, a cancellation takes effect', async () => {
    await until(28);
    const alice = await get('alice');
    expect(alice).toMatchObject({
      tier: 'BRONZE',
      pendingTier: null,
      status: 'active',
      currentPeriodStart: '2026-03-01T18:00:00.000Z',
      // Noon in Chicago again, now on daylight time.
      currentPeriodEnd: '2026-04-01T17:00:00.000Z',
    });
    expect((await charged('alice')).map((c) => [c.purpose, c.amount_cents])).toEqual([
      ['membership.subscribe', 9700],
      ['membership.upgrade', 6429],
      ['membership.renewal', 4700],
    ]);
    expect(await discount('alice', '19.99')).toMatchObject({ tier: 'BRONZE', discountPercent: 10, discountCents: 200, finalTotalCents: 1799 });

    expect(await get('bob')).toMatchObject({ status: 'past_due', failedPaymentAttempts: 1, nextDunningDate: '2026-03-04', benefitsActive: true });
    expect(await discount('bob')).toMatchObject({ discountPercent: 30 }); // grace while past due
    expect(await get('carol')).toMatchObject({ status: 'past_due', nextDunningDate: '2026-03-04' });
    expect(await get('dave')).toMatchObject({ status: 'cancelled', endedAt: '2026-03-01T18:00:00.000Z', benefitsActive: false });
    expect(await discount('dave')).toMatchObject({ isMember: false, discountPercent: 0, finalTotal: 100 });
    expect(runs[27]).toMatchObject({ examined: 4, renewed: 1, renewal_failed: 2, ended: 1 });

    // A second delivery of the same day's run changes nothing and charges nothing.
    const before = h.emulator.transactions().length;
    expect(await billing(h.rt)).toMatchObject({ examined: 2, nothing_due: 2 });
    expect(h.emulator.transactions()).toHaveLength(before);
  });

  it('a member in dunning recovers at once with a new card, which replaces the stored one', async () => {
    const failing = await h.storedCard('carol');
    await until(29, {
      29: async () => {
        const res = await h.request('PUT', '/api/memberships/carol/payment-method', { as: 'carol', json: { paymentMethod: { token: h.cardToken() } } });
        expect(res.status).toBe(200);
        expect(res.body.payment).toMatchObject({ amountCents: 4700 });
        const recovery = h.emulator.transactions().find((t) => t.transId === res.body.payment.transactionId);
        expect(recovery?.token).toMatch(/^tok_visa_test_/);
        const replacement = await h.storedCard('carol');
        expect(replacement).not.toEqual(failing);
        expect(h.emulator.profiles().find((p) => p.customerProfileId === replacement?.customerProfileId)?.paymentProfiles[0].sourceTransId).toBe(recovery?.transId);
        // The card that failed is deleted at the gateway.
        expect(h.emulator.profiles().map((p) => p.customerProfileId)).not.toContain(failing?.customerProfileId);
        expect(res.body.membership).toMatchObject({
          status: 'active',
          failedPaymentAttempts: 0,
          pastDueSince: null,
          currentPeriodStart: '2026-03-01T18:00:00.000Z',
          currentPeriodEnd: '2026-04-01T17:00:00.000Z',
        });
      },
    });
    expect((await notices('carol')).map((n) => n.template)).toEqual(['membership-welcome', 'membership-payment-failed', 'membership-payment-recovered']);
  });

  it('a failing card goes through every dunning step, with a notice at each, and is cancelled on day 14', async () => {
    await until(30); // 3 March: day 2 of dunning, nothing yet
    expect(await get('bob')).toMatchObject({ status: 'past_due', failedPaymentAttempts: 1 });
    await until(31); // 4 March: day 3, first retry
    expect(await get('bob')).toMatchObject({ status: 'past_due', failedPaymentAttempts: 2, nextDunningDate: '2026-03-08' });
    await until(34);
    expect(await get('bob')).toMatchObject({ status: 'past_due', failedPaymentAttempts: 2 });
    await until(35); // 8 March: day 7, second retry, then suspended
    expect(await get('bob')).toMatchObject({ status: 'suspended', failedPaymentAttempts: 3, nextDunningDate: '2026-03-15', benefitsActive: false });
    expect(await discount('bob')).toMatchObject({ isMember: false, discountPercent: 0 });
    await until(41);
    expect(await get('bob')).toMatchObject({ status: 'suspended' });
    await until(42); // 15 March: day 14, cancelled
    expect(await get('bob')).toMatchObject({ status: 'cancelled', cancelReason: 'payment_failed', endedAt: runAt(42).toISOString() });

    const bobNotices = await notices('bob');
    expect(bobNotices.map((n) => n.template)).toEqual([
      'membership-welcome',
      'membership-payment-failed',
      'membership-payment-retry-failed',
      'membership-suspended',
      'membership-cancelled',
    ]);
    expect(bobNotices[1].data).toMatchObject({ tier: 'GOLD', amountCents: 19700, nextStepDate: '2026-03-04' });
    expect(bobNotices[4].data).toMatchObject({ cause: 'payment_failed' });
    // Three charges of the stored card were tried (renewal and two retries), all declined; none was taken.
    const tried = await h.rows<{ status: string; transaction_id: string | null }>(
      `SELECT status, transaction_id FROM commerce.payments_taken WHERE customer_id = 'bob' AND purpose = 'membership.renewal' ORDER BY recorded_at`,
    );
    expect(tried.map((t) => t.status)).toEqual(['attempted', 'declined', 'attempted', 'declined', 'attempted', 'declined']);
    const declined = h.emulator.transactions().filter((t) => tried.some((r) => r.transaction_id === t.transId));
    expect(declined.map((t) => [t.status, t.token, t.customerProfileId !== undefined])).toEqual([
      ['declined', undefined, true],
      ['declined', undefined, true],
      ['declined', undefined, true],
    ]);
    // The cancellation deleted the stored card at the gateway.
    expect(h.emulator.profiles().map((p) => p.customerProfileId)).not.toContain(declined[0].customerProfileId);
    // The slot is free: Bob may join again.
    const again = await h.subscribe('bob', 'BRONZE');
    expect(again.status).toBe(201);
    expect((await get('bob')).membershipId).toBe(again.body.membership.membershipId);
  });

  it('1 April: the second renewal, and the ledger and the gateway agree on every charge', async () => {
    await until(60);
    expect(await get('alice')).toMatchObject({ tier: 'BRONZE', currentPeriodEnd: '2026-05-01T17:00:00.000Z' });
    expect(await get('carol')).toMatchObject({ status: 'active', currentPeriodEnd: '2026-05-01T17:00:00.000Z' });
    expect((await charged('alice')).map((c) => c.amount_cents)).toEqual([9700, 6429, 4700, 4700]);
    expect((await notices('alice')).map((n) => n.template)).toEqual(['membership-welcome', 'membership-upgraded', 'membership-renewed', 'membership-renewed']);

    const captured = h.emulator
      .transactions()
      .filter((t) => t.type === 'authCaptureTransaction' && t.responseCode === '1' && t.status !== 'voided')
      .map((t) => `${t.transId}:${t.amountCents}`)
      .sort();
    const recorded = (
      await h.rows<{ transaction_id: string; amount_cents: number }>(`SELECT transaction_id, amount_cents FROM commerce.payments_taken WHERE status = 'approved'`)
    )
      .map((r) => `${r.transaction_id}:${r.amount_cents}`)
      .sort();
    expect(recorded).toEqual(captured);

    // Every renewal and the upgrade charged a stored card; every token paid exactly once (subscriptions and Carol's
    // recovery), and the gateway holds exactly the cards of the three open memberships.
    const byPurpose = await h.rows<{ purpose: string; transaction_id: string }>(
      `SELECT purpose, transaction_id FROM commerce.payments_taken WHERE transaction_id IS NOT NULL AND status IN ('approved', 'declined')`,
    );
    const transactions = h.emulator.transactions();
    const sourceOf = (transId: string) => transactions.find((t) => t.transId === transId);
    for (const { purpose, transaction_id } of byPurpose) {
      const paidWithToken = purpose === 'membership.subscribe' || purpose === 'membership.recovery';
      expect([purpose, sourceOf(transaction_id)?.token !== undefined, sourceOf(transaction_id)?.customerProfileId !== undefined]).toEqual([
        purpose,
        paidWithToken,
        !paidWithToken,
      ]);
    }
    expect(byPurpose.filter((r) => r.purpose === 'membership.renewal')).toHaveLength(3 + 4); // 3 renewed, 4 declined
    const tokens = transactions.flatMap((t) => (t.token ? [t.token] : []));
    expect(new Set(tokens).size).toBe(tokens.length);
    const open = await Promise.all(['alice', 'bob', 'carol'].map((c) => h.storedCard(c)));
    expect(h.emulator.profiles().map((p) => p.customerProfileId).sort()).toEqual(open.map((card) => card?.customerProfileId).sort());

    const stats = await h.request('GET', '/api/memberships/stats', { as: 'owner', role: 'admin' });
    expect(stats.status).toBe(200);
    expect(stats.body.stats).toMatchObject({
      activeMembers: 3,
      mrr: 141,
      members: { active: 3, cancelled: 2, total: 5 },
      tiers: { BRONZE: { activeMembers: 3, mrr: 141, percentOfMembers: 100 }, SILVER: { activeMembers: 0 }, GOLD: { activeMembers: 0 } },
      revenueCollected: (9700 + 6429 + 4700 * 2 + 19700 + 4700 + 4700 * 2 + 9700 + 4700) / 100,
      paymentMethods: { onFile: 3, missing: 0 },
    });
    // Bob's first membership ended on 15 March, inside the 30 days before 2 April; Dave's on 1 March, before them.
    expect(stats.body.stats.churn).toMatchObject({ windowDays: 30, membersAtStart: 3, churned: 1, rate: 0.3333 });
  });
});
