import { type MembershipsHarness, startMemberships } from './harness';

describe('upgrade, downgrade, cancel and card changes', () => {
  let h: MembershipsHarness;
  beforeEach(async () => {
    h = await startMemberships();
    await h.verifyAge('cust');
    expect((await h.subscribe('cust', 'BRONZE')).status).toBe(201);
  });
  afterEach(() => h.close());

  const put = (action: string, json: unknown, headers: Record<string, string> = {}, as = 'cust') =>
    h.request('PUT', `/api/memberships/cust/${action}`, { as, json, headers });
  const current = async () => (await h.request('GET', '/api/memberships/cust', { as: 'cust' })).body.membership;

  it('a declined upgrade changes nothing; a retried upgrade with one Idempotency-Key charges once', async () => {
    const declined = await put('upgrade', { tier: 'GOLD', paymentMethod: { token: 'tok_declined' } });
    expect(declined.status).toBe(402);
    expect(await current()).toMatchObject({ tier: 'BRONZE', card: { last4: '1111' } });

    h.rt.clock.advance(5 * 86_400_000);
    const headers = { 'Idempotency-Key': 'upgrade-1' };
    const first = await put('upgrade', { tier: 'GOLD' }, headers);
    const second = await put('upgrade', { tier: 'GOLD' }, headers);
    expect(first.status).toBe(200);
    expect(second.body.payment).toEqual(first.body.payment);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    // 20 March: 26 of 31 days left; $150 × 26/31 = $125.806… → $125.81.
    expect(first.body.proration).toMatchObject({ daysLeft: 26, daysInPeriod: 31, chargedCents: 12581 });
    const upgrades = h.emulator.transactions().filter((t) => t.amountCents === 12581);
    expect(upgrades).toHaveLength(1);
  });

  it('an upgrade whose change cannot be saved is voided, and the membership is unchanged', async () => {
    h.faults.failAppendsTo.add('commerce.membership_events');
    const res = await put('upgrade', { tier: 'SILVER' });
    expect(res.status).toBe(503);
    h.faults.failAppendsTo.clear();
    const upgrade = h.emulator.transactions().at(-1);
    expect(upgrade).toMatchObject({ amountCents: 5000, status: 'voided' });
    expect(await current()).toMatchObject({ tier: 'BRONZE' });
  });

  it('downgrade: only to a lower tier, from the period end; asking twice changes nothing; an unknown tier is 400', async () => {
    expect((await put('downgrade', { tier: 'SILVER' })).body.code).toBe('NOT_A_DOWNGRADE');
    expect((await put('upgrade', { tier: 'GOLD' })).status).toBe(200);
    const first = await put('downgrade', { tier: 'silver' });
    expect(first.body).toMatchObject({ effectiveDate: '2026-04-15', membership: { tier: 'GOLD', pendingTier: 'SILVER', nextBillingAmount: 97 } });
    const again = await put('downgrade', { tier: 'SILVER' });
    expect(again.body.membership.lastChange).toEqual(first.body.membership.lastChange);
    expect((await put('downgrade', { tier: 'PLATINUM' })).status).toBe(400);
  });

  it('cancel: benefits to the period end; cancelling again changes nothing; no downgrade of the last period', async () => {
    expect((await put('upgrade', { tier: 'GOLD' })).status).toBe(200);
    expect((await put('downgrade', { tier: 'SILVER' })).body.membership.pendingTier).toBe('SILVER');
    const res = await put('cancel', { reason: 'Too expensive' });
    expect(res.body).toMatchObject({
      benefitsUntil: '2026-04-15T17:00:00.000Z',
      membership: { status: 'cancelled', tier: 'GOLD', cancelAtPeriodEnd: true, benefitsActive: true, pendingTier: null, nextBillingDate: null },
    });
    expect((await put('cancel', { reason: 'Again' })).body.membership.cancelReason).toBe('Too expensive');
    expect((await put('downgrade', { tier: 'BRONZE' })).status).toBe(409);
    expect((await put('cancel', {})).status).toBe(400);
    // Still a member, so a second subscription is refused.
    expect((await h.subscribe('cust', 'GOLD')).body.code).toBe('MEMBERSHIP_EXISTS');
  });

  it("a customer cannot read or change another customer's membership; an admin can", async () => {
    expect((await h.request('GET', '/api/memberships/cust', { as: 'other' })).status).toBe(403);
    expect((await put('cancel', { reason: 'x' }, {}, 'other')).status).toBe(403);
    expect((await h.request('GET', '/api/memberships/cust', { as: 'staff', role: 'admin' })).status).toBe(200);
    expect((await h.request('GET', '/api/memberships/nobody', { as: 'nobody' })).status).toBe(404);
    expect((await h.request('GET', '/api/memberships/cust')).status).toBe(401);
  });

  it('no card token is kept (only the stored card\'s gateway ids), the email only sealed, and neither reaches the logs', async () => {
    const rows = await h.rows<{ payment_token_sealed: string | null; gateway_customer_profile_id: string | null }>('SELECT * FROM commerce.membership_events');
    const text = JSON.stringify(rows);
    expect(text).not.toContain('tok_visa_test');
    expect(text).not.toContain('cust@example.com');
    expect(rows.map((r) => r.payment_token_sealed)).toEqual([null]);
    expect(rows[0].gateway_customer_profile_id).toBe(h.emulator.profiles()[0].customerProfileId);
    const logs = JSON.stringify(h.rt.logs);
    expect(logs).not.toContain('tok_visa_test');
    expect(logs).not.toContain(h.emulator.profiles()[0].customerProfileId);
  });
});

describe('discount and stats routes', () => {
  let h: MembershipsHarness;
  beforeAll(async () => {
    h = await startMemberships();
    for (const [c, tier] of [['g1', 'GOLD'], ['g2', 'GOLD'], ['s1', 'SILVER'], ['b1', 'BRONZE']]) {
      await h.verifyAge(c);
      expect((await h.subscribe(c, tier)).status).toBe(201);
    }
  });
  afterAll(() => h.close());

  it('answers the discount exact to the cent, with dollars and cents', async () => {
    const res = await h.request('GET', '/api/memberships/discount/g1?subtotal=59.95', { as: 'g1' });
    expect(res.body).toMatchObject({
      isMember: true,
      tier: 'GOLD',
      discountPercent: 30,
      subtotal: 59.95,
      discountAmount: 17.99, // 17.985 rounded half up
      finalTotal: 41.96,
      discountCents: 1799,
      finalTotalCents: 4196,
    });
    const none = await h.request('GET', '/api/memberships/discount/walk-in?subtotal=10', { as: 'walk-in' });
    expect(none.body).toMatchObject({ isMember: false, tier: null, discountAmount: 0, finalTotal: 10 });
  });

  it.each([
    ['abc', 'must be a dollar amount with at most two decimals, e.g. 59.99'],
    ['12.345', 'must be a dollar amount with at most two decimals, e.g. 59.99'],
    ['-5', 'must be a dollar amount with at most two decimals, e.g. 59.99'],
    ['', 'must be a dollar amount with at most two decimals, e.g. 59.99'],
    // Well formed but over the cap: the message says what is wrong with it.
    ['1000000000', 'must be at most 999999999.99'],
    ['12345678901.50', 'must be at most 999999999.99'],
  ])('refuses subtotal=%j with 400 saying why', async (subtotal, why) => {
    const res = await h.request('GET', `/api/memberships/discount/g1?subtotal=${subtotal}`, { as: 'g1' });
    expect(res.status).toBe(400);
    expect(res.body.details.field).toBe('subtotal');
    expect(res.body.error).toContain(why);
  });

  it('serves a repeated discount lookup from kv without the warehouse', async () => {
    await h.request('GET', '/api/memberships/discount/s1?subtotal=10', { as: 's1' });
    const query = h.rt.warehouse.query.bind(h.rt.warehouse);
    let queries = 0;
    (h.rt.warehouse as { query: typeof query }).query = (...args) => {
      queries++;
      return query(...args);
    };
    const res = await h.request('GET', '/api/memberships/discount/s1?subtotal=10', { as: 's1' });
    (h.rt.warehouse as { query: typeof query }).query = query;
    expect(res.body.discountAmount).toBe(2);
    expect(queries).toBe(0);
  });

  it('stats are for admins, computed from the ledger', async () => {
    expect((await h.request('GET', '/api/memberships/stats', { as: 'g1' })).status).toBe(403);
    const res = await h.request('GET', '/api/memberships/stats', { as: 'boss', role: 'admin' });
    expect(res.body.stats).toMatchObject({
      activeMembers: 4,
      mrr: 538,
      tiers: {
        GOLD: { activeMembers: 2, mrr: 394, percentOfMembers: 50 },
        SILVER: { activeMembers: 1, mrr: 97, percentOfMembers: 25 },
        BRONZE: { activeMembers: 1, mrr: 47, percentOfMembers: 25 },
      },
      churn: { membersAtStart: 0, churned: 0, rate: null, newMembers: 4 },
      revenueCollected: 538,
    });
  });
});
