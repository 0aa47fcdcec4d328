import { setPaymentGateway, paymentGateway } from '@shared/payments/gateway-for-runtime';
import type { ChargeRequest, PaymentGateway } from '@shared/payments/gateway';
import { runMembershipBilling } from '../../../functions/memberships/billing-run';
import { type MembershipsHarness, startMemberships } from './harness';

const RENEWAL_DAY = new Date('2026-04-15T11:00:00Z'); // 06:00 in Chicago on the billing date

describe('the daily billing run when things fail', () => {
  let h: MembershipsHarness;
  beforeEach(async () => {
    h = await startMemberships();
    await h.verifyAge('cust');
    expect((await h.subscribe('cust', 'SILVER')).status).toBe(201);
    h.rt.clock.set(RENEWAL_DAY);
  });
  afterEach(() => h.close());

  const membership = async () => (await h.request('GET', '/api/memberships/cust', { as: 'cust' })).body.membership;
  const captured = () => h.emulator.transactions().filter((t) => t.status === 'capturedPendingSettlement' || t.status === 'settledSuccessfully');

  it('a renewal charged but not recorded is voided; the redelivered run renews with exactly one charge kept', async () => {
    h.faults.failAppendsTo.add('commerce.membership_events');
    await expect(runMembershipBilling(h.rt)).rejects.toThrow(/1 of 1 memberships unfinished/);
    expect(h.emulator.transactions().at(-1)).toMatchObject({ amountCents: 9700, status: 'voided' });
    expect(await membership()).toMatchObject({ status: 'active', currentPeriodEnd: '2026-04-15T17:00:00.000Z' });

    h.faults.failAppendsTo.clear();
    h.rt.clock.advance(60_000);
    expect(await runMembershipBilling(h.rt)).toMatchObject({ renewed: 1 });
    expect(await membership()).toMatchObject({ status: 'active', currentPeriodEnd: '2026-05-15T17:00:00.000Z' });
    expect(captured().map((t) => t.amountCents)).toEqual([9700, 9700]); // the subscription and one renewal
  });

  it('a renewal whose answer is lost changes nothing; the prompt redelivery finds the one charge instead of making another', async () => {
    const real = paymentGateway(h.rt);
    let lose = true;
    const lossy: PaymentGateway = {
      name: real.name,
      async charge(request: ChargeRequest) {
        const result = await real.charge(request);
        if (!lose) return result;
        lose = false;
        return { outcome: 'unknown', transactionId: null, authCode: null, card: null, reasonCode: null, reason: 'no answer', reconciled: false };
      },
      voidTransaction: (id) => real.voidTransaction(id),
      refund: (r) => real.refund(r),
      getTransaction: (id) => real.getTransaction(id),
      createProfileFromTransaction: (r) => real.createProfileFromTransaction(r),
      createProfileFromToken: (r) => real.createProfileFromToken(r),
      deleteProfile: (id) => real.deleteProfile(id),
    };
    setPaymentGateway(h.rt, lossy);

    await expect(runMembershipBilling(h.rt)).rejects.toThrow(/payment_unknown/);
    expect(await membership()).toMatchObject({ status: 'active', failedPaymentAttempts: 0, currentPeriodEnd: '2026-04-15T17:00:00.000Z' });
    const ledger = await h.rows<{ status: string }>(`SELECT status FROM commerce.payments_taken WHERE purpose = 'membership.renewal'`);
    expect(ledger.map((r) => r.status).sort()).toEqual(['attempted', 'unknown']);

    h.rt.clock.advance(10 * 60_000); // Pub/Sub redelivers within minutes, well inside the gateway's duplicate window
    expect(await runMembershipBilling(h.rt)).toMatchObject({ renewed: 1 });
    expect(captured()).toHaveLength(2);
    const renewal = captured()[1];
    expect((await membership()).lastChange.event).toBe('renewed');
    const approved = await h.rows<{ transaction_id: string; reconciled: boolean }>(
      `SELECT transaction_id, reconciled FROM commerce.payments_taken WHERE purpose = 'membership.renewal' AND status = 'approved'`,
    );
    expect(approved).toEqual([{ transaction_id: renewal.transId, reconciled: true }]);
  });

  it('a notification that could not be queued is sent by a later run, once', async () => {
    await h.declineStoredCard('cust');
    h.faults.failAppendsTo.add('ops.notification_outbox');
    await expect(runMembershipBilling(h.rt)).rejects.toThrow(/notification_outbox/);
    expect(await membership()).toMatchObject({ status: 'past_due' });

    h.faults.failAppendsTo.clear();
    h.rt.clock.advance(86_400_000);
    expect(await runMembershipBilling(h.rt)).toMatchObject({ noticesCaughtUp: 1 });
    expect(await runMembershipBilling(h.rt)).toMatchObject({ noticesCaughtUp: 0 });
    const notices = await h.rows<{ template: string }>(`SELECT template FROM ops.notification_outbox ORDER BY created_at`);
    expect(notices.map((n) => n.template)).toEqual(['membership-welcome', 'membership-payment-failed']);
  });

  it('a past-due member who cancels ends at once, is no longer dunned, and the stored card is deleted', async () => {
    await h.declineStoredCard('cust');
    expect(await runMembershipBilling(h.rt)).toMatchObject({ renewal_failed: 1 });
    const res = await h.request('PUT', '/api/memberships/cust/cancel', { as: 'cust', json: { reason: 'Card expired, not renewing' } });
    expect(res.body.membership).toMatchObject({ status: 'cancelled', benefitsActive: false, paymentMethodOnFile: false });
    expect(h.emulator.profiles()).toEqual([]);
    const before = h.emulator.transactions().length;
    h.rt.clock.advance(4 * 86_400_000);
    expect(await runMembershipBilling(h.rt)).toMatchObject({ examined: 0 });
    expect(h.emulator.transactions()).toHaveLength(before);
  });
});
