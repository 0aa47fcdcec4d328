import type { PaymentGateway } from '@shared/payments/gateway';
import { paymentGateway, setPaymentGateway } from '@shared/payments/gateway-for-runtime';
import { runMembershipBilling } from '../../../functions/memberships/billing-run';
import { type MembershipsHarness, startMemberships } from './harness';

const RENEWAL_DAY = new Date('2026-04-15T11:00:00Z'); // 06:00 in Chicago on the first renewal date

/** The runtime's real gateway with some of its methods replaced (a gateway that misbehaves in one way). */
function overrideGateway(h: MembershipsHarness, overridesOf: (real: PaymentGateway) => Partial<PaymentGateway>): void {
  const real = paymentGateway(h.rt);
  const overrides = overridesOf(real);
  setPaymentGateway(h.rt, {
    name: real.name,
    charge: (r) => real.charge(r),
    voidTransaction: (id) => real.voidTransaction(id),
    refund: (r) => real.refund(r),
    getTransaction: (id) => real.getTransaction(id),
    createProfileFromTransaction: (r) => real.createProfileFromTransaction(r),
    createProfileFromToken: (r) => real.createProfileFromToken(r),
    deleteProfile: (id) => real.deleteProfile(id),
    ...overrides,
  });
}

describe('the card a membership stores at the gateway', () => {
  let h: MembershipsHarness;
  beforeEach(async () => {
    h = await startMemberships();
    await h.verifyAge('cust');
  });
  afterEach(() => h.close());

  const membership = async () => (await h.request('GET', '/api/memberships/cust', { as: 'cust' })).body.membership;
  const putCard = (token: string) => h.request('PUT', '/api/memberships/cust/payment-method', { as: 'cust', json: { paymentMethod: { token } } });
  const stats = async () => (await h.request('GET', '/api/memberships/stats', { as: 'boss', role: 'admin' })).body.stats;
  const notices = async () => h.rows<{ template: string; data: Record<string, unknown> }>(`SELECT template, data FROM ops.notification_outbox ORDER BY created_at`);

  it('when the card cannot be stored after the first charge, the membership starts; its renewal asks for a card, which recovers it', async () => {
    // The gateway's profile service is busy for the first store only.
    let failures = 1;
    overrideGateway(h, (real) => ({
      async createProfileFromTransaction(request) {
        if (failures-- > 0) return { ok: false, outcome: 'error', reasonCode: 'E00053', reason: 'Server too busy' };
        return real.createProfileFromTransaction(request);
      },
    }));

    const token = h.cardToken();
    const res = await h.subscribe('cust', 'SILVER', token);
    expect(res.status).toBe(201);
    expect(res.body.membership).toMatchObject({ status: 'active', paymentMethodOnFile: false, card: null });
    expect(h.emulator.transactions().map((t) => t.status)).toEqual(['capturedPendingSettlement']);
    expect(h.emulator.profiles()).toEqual([]);
    const logged = h.rt.logs.find((l) => l.message === 'membership card not stored: the next renewal will ask for a payment method');
    expect(logged).toMatchObject({ severity: 'ERROR', membershipId: res.body.membership.membershipId, reasonCode: 'E00053' });
    expect(JSON.stringify(h.rt.logs)).not.toContain(token);
    expect((await stats()).paymentMethods).toEqual({ onFile: 0, missing: 1 });

    h.rt.clock.set(RENEWAL_DAY);
    expect(await runMembershipBilling(h.rt)).toMatchObject({ renewal_failed: 1 });
    expect(h.emulator.transactions()).toHaveLength(1); // nothing to charge: no card, and the token is long spent
    expect(await membership()).toMatchObject({ status: 'past_due', paymentMethodOnFile: false, benefitsActive: true });
    expect(await notices()).toEqual([
      expect.objectContaining({ template: 'membership-welcome' }),
      expect.objectContaining({ template: 'membership-payment-method-needed', data: expect.objectContaining({ paymentMethodNeeded: true }) }),
    ]);

    const recovered = await putCard(h.cardToken());
    expect(recovered.status).toBe(200);
    expect(recovered.body.membership).toMatchObject({ status: 'active', paymentMethodOnFile: true, card: { last4: '1111', type: 'Visa' } });
    expect(h.emulator.profiles()).toHaveLength(1);
    expect((await stats()).paymentMethods).toEqual({ onFile: 1, missing: 0 });
  });

  it("an active member's new card is verified without a charge, replaces the stored one, and pays the next renewal", async () => {
    expect((await h.subscribe('cust', 'SILVER')).status).toBe(201);
    const old = await h.storedCard('cust');

    const res = await putCard(h.cardToken());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ payment: null, membership: { paymentMethodOnFile: true, card: { last4: '1111', type: 'Visa' } } });
    expect(h.emulator.transactions()).toHaveLength(1); // only the subscription: verifying a card charges nothing
    const replacement = await h.storedCard('cust');
    expect(replacement).not.toEqual(old);
    expect(h.emulator.profiles().map((p) => p.customerProfileId)).toEqual([replacement?.customerProfileId]);

    h.rt.clock.set(RENEWAL_DAY);
    expect(await runMembershipBilling(h.rt)).toMatchObject({ renewed: 1 });
    expect(h.emulator.transactions().at(-1)).toMatchObject({ amountCents: 9700, customerProfileId: replacement?.customerProfileId });
  });

  it('a card the gateway refuses to store answers 402 and leaves the stored card in place', async () => {
    expect((await h.subscribe('cust', 'SILVER')).status).toBe(201);
    const old = await h.storedCard('cust');
    const res = await putCard(h.cardToken('tok_declined'));
    expect(res.status).toBe(402);
    expect(res.body.code).toBe('PAYMENT_DECLINED');
    expect(await h.storedCard('cust')).toEqual(old);
    expect(h.emulator.profiles()).toHaveLength(1);
  });

  it('an upgrade paid with a new card stores that card and deletes the old one', async () => {
    expect((await h.subscribe('cust', 'BRONZE')).status).toBe(201);
    const old = await h.storedCard('cust');
    h.rt.clock.advance(5 * 86_400_000);
    const res = await h.request('PUT', '/api/memberships/cust/upgrade', { as: 'cust', json: { tier: 'GOLD', paymentMethod: { token: h.cardToken() } } });
    expect(res.status).toBe(200);
    const upgrade = h.emulator.transactions().at(-1);
    expect(upgrade?.token).toMatch(/^tok_visa_test_/);
    const replacement = await h.storedCard('cust');
    expect(replacement).not.toEqual(old);
    expect(h.emulator.profiles().map((p) => [p.customerProfileId, p.paymentProfiles[0].sourceTransId])).toEqual([[replacement?.customerProfileId, upgrade?.transId]]);
  });

  it('a token already spent is refused with 400 PAYMENT_TOKEN_INVALID before anything is charged or stored', async () => {
    const token = h.cardToken();
    expect((await h.subscribe('cust', 'BRONZE', token)).status).toBe(201);
    const stored = await h.storedCard('cust');

    const card = await putCard(token);
    expect(card.status).toBe(400);
    expect(card.body.code).toBe('PAYMENT_TOKEN_INVALID');
    const upgrade = await h.request('PUT', '/api/memberships/cust/upgrade', { as: 'cust', json: { tier: 'GOLD', paymentMethod: { token } } });
    expect(upgrade.status).toBe(400);
    expect(upgrade.body.code).toBe('PAYMENT_TOKEN_INVALID');

    expect(h.emulator.transactions()).toHaveLength(1);
    expect(await h.storedCard('cust')).toEqual(stored);
  });
});
