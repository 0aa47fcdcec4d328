import { activeSlotKey } from '../../../functions/memberships/active-slot';
import { type MembershipsHarness, startMemberships } from './harness';

interface PaymentRow {
  payment_id: string;
  status: string;
  transaction_id: string | null;
  charge_transaction_id: string | null;
  amount_cents: number;
  subject_id: string | null;
  reconciled: boolean;
}

const paymentsOf = (h: MembershipsHarness, customerId: string) =>
  h.rows<PaymentRow>(`SELECT payment_id, status, transaction_id, charge_transaction_id, amount_cents, subject_id, reconciled
    FROM commerce.payments_taken WHERE customer_id = '${customerId}' ORDER BY recorded_at, CASE status WHEN 'attempted' THEN 0 WHEN 'voided' THEN 2 WHEN 'refunded' THEN 2 WHEN 'reversal_failed' THEN 2 ELSE 1 END, entry_id`);
const eventsOf = (h: MembershipsHarness, customerId: string) =>
  h.rows<{ event_type: string; status: string; transaction_id: string | null }>(
    `SELECT event_type, status, transaction_id FROM commerce.membership_events WHERE customer_id = '${customerId}' ORDER BY seq`,
  );

describe('POST /api/memberships/subscribe', () => {
  let h: MembershipsHarness;
  beforeEach(async () => {
    h = await startMemberships();
  });
  afterEach(() => h.close());

  it('charges the first month and starts an active membership with its period, benefits and card', async () => {
    await h.verifyAge('cust-a');
    const res = await h.subscribe('cust-a', 'silver');
    expect(res.status).toBe(201);
    const { membership, payment } = res.body;
    expect(membership).toMatchObject({
      customerId: 'cust-a',
      tier: 'SILVER',
      status: 'active',
      monthlyPrice: 97,
      discountPercent: 20,
      benefitsActive: true,
      currentPeriodStart: '2026-03-15T17:00:00.000Z',
      currentPeriodEnd: '2026-04-15T17:00:00.000Z',
      nextBillingDate: '2026-04-15',
      card: { last4: '1111', type: 'Visa' },
    });
    expect(membership.benefits).toContain('20% off every purchase, in store and online');
    expect(payment).toMatchObject({ amount: 97, amountCents: 9700 });

    const charges = h.emulator.transactions();
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ transId: payment.transactionId, amountCents: 9700, status: 'capturedPendingSettlement' });
    expect(await paymentsOf(h, 'cust-a')).toEqual([
      expect.objectContaining({ status: 'attempted', transaction_id: null, subject_id: membership.membershipId }),
      expect.objectContaining({ status: 'approved', transaction_id: payment.transactionId, amount_cents: 9700 }),
    ]);
    expect(await eventsOf(h, 'cust-a')).toEqual([{ event_type: 'subscribed', status: 'active', transaction_id: payment.transactionId }]);
    // The token paid once; the card it stood for is stored at the gateway, and only the stored card's ids are kept.
    expect(membership.paymentMethodOnFile).toBe(true);
    const [profile] = h.emulator.profiles();
    expect(profile.paymentProfiles).toEqual([expect.objectContaining({ sourceTransId: payment.transactionId, accountNumber: 'XXXX1111' })]);
    expect(await h.storedCard('cust-a')).toEqual({ customerProfileId: profile.customerProfileId, paymentProfileId: profile.paymentProfiles[0].customerPaymentProfileId });

    const again = await h.request('GET', '/api/memberships/cust-a', { as: 'cust-a' });
    expect(again.status).toBe(200);
    expect(again.body.membership).toEqual(membership);
  });

  it.each([
    ['tok_declined', 402, 'PAYMENT_DECLINED', ['attempted', 'declined']],
    ['tok_review', 402, 'HELD_FOR_REVIEW', ['attempted', 'held_for_review', 'voided']],
    ['tok_error', 502, 'GATEWAY_ERROR', ['attempted', 'error']],
    // The gateway cannot read the token (reason 153): the client sent it wrong, so a client error, not a gateway fault.
    ['tok_garbage', 400, 'PAYMENT_TOKEN_INVALID', ['attempted', 'error']],
  ])('a %s card answers %i %s, records the outcome and starts nothing', async (token, status, code, ledger) => {
    await h.verifyAge('cust-b');
    const res = await h.subscribe('cust-b', 'GOLD', token);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, code });
    expect((await paymentsOf(h, 'cust-b')).map((p) => p.status)).toEqual(ledger);
    expect(await eventsOf(h, 'cust-b')).toEqual([]);
    // Nothing is left charged: a held charge is voided, declines and errors never captured.
    expect(h.emulator.transactions().filter((t) => t.status === 'capturedPendingSettlement')).toEqual([]);
    // The slot is free again: a good card now succeeds.
    expect((await h.subscribe('cust-b', 'GOLD', 'tok_visa_test')).status).toBe(201);
  });

  it('refuses a customer who is not age-verified, before any charge', async () => {
    const res = await h.subscribe('cust-minor');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'AGE_VERIFICATION_REQUIRED', details: { requiresVerification: true } });
    expect(h.emulator.transactions()).toEqual([]);
  });

  it.each([
    [{ token: '4111111111111111' }, 'paymentMethod.token'],
    [{ token: '4111 1111 1111 1111' }, 'paymentMethod.token'],
    [{ token: 'tok_visa_test', cardNumber: '4111111111111111' }, 'paymentMethod'],
  ])('refuses card data %j with 400 naming %s, and never reaches the gateway', async (paymentMethod, field) => {
    await h.verifyAge('cust-c');
    const res = await h.request('POST', '/api/memberships/subscribe', {
      as: 'cust-c',
      json: { customerId: 'cust-c', email: 'c@example.com', tier: 'BRONZE', paymentMethod },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.details.field).toBe(field);
    expect(h.emulator.transactions()).toEqual([]);
    expect(JSON.stringify(await h.rows('SELECT * FROM commerce.payments_taken'))).not.toContain('4111');
  });

  it("refuses to subscribe someone else's customer id", async () => {
    await h.verifyAge('cust-d');
    const res = await h.request('POST', '/api/memberships/subscribe', {
      as: 'cust-intruder',
      json: { customerId: 'cust-d', email: 'd@example.com', tier: 'GOLD', paymentMethod: { token: 'tok_visa_test' } },
    });
    expect(res.status).toBe(403);
    expect(h.emulator.transactions()).toEqual([]);
  });

  it('a double-clicked subscribe with one Idempotency-Key charges once and answers the same twice', async () => {
    await h.verifyAge('cust-e');
    const headers = { 'Idempotency-Key': 'checkout-7f3a' };
    const [first, second] = await Promise.all([h.subscribe('cust-e', 'GOLD', 'tok_visa_test', headers), h.subscribe('cust-e', 'GOLD', 'tok_visa_test', headers)]);
    // One ran; the other either waited for nothing (409 in flight) or, arriving after, got the first answer.
    const statuses = [first.status, second.status].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);

    const replay = await h.subscribe('cust-e', 'GOLD', 'tok_visa_test', headers);
    const original = first.status === 201 ? first : second;
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.membership).toEqual(original.body.membership);
    expect(replay.body.payment).toEqual(original.body.payment);
    expect(h.emulator.transactions()).toHaveLength(1);
    expect((await eventsOf(h, 'cust-e')).length).toBe(1);

    const reused = await h.subscribe('cust-e', 'BRONZE', 'tok_visa_test', headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('20 concurrent subscribes for one customer: one membership, one charge, the others 409', async () => {
    await h.verifyAge('cust-f');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => h.subscribe('cust-f', i % 2 ? 'GOLD' : 'SILVER')));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) expect(['SUBSCRIBE_IN_PROGRESS', 'MEMBERSHIP_EXISTS']).toContain(r.body.code);
    expect(h.emulator.transactions()).toHaveLength(1);
    const open = await h.rows(`SELECT membership_id FROM commerce.memberships_current WHERE customer_id = 'cust-f' AND status <> 'cancelled'`);
    expect(open).toHaveLength(1);
    // And later attempts still see the membership.
    expect((await h.subscribe('cust-f')).body.code).toBe('MEMBERSHIP_EXISTS');
  });

  it('rebuilds the one-membership rule from the ledger when kv has lost it', async () => {
    await h.verifyAge('cust-g');
    expect((await h.subscribe('cust-g')).status).toBe(201);
    await h.rt.kv.del(activeSlotKey('cust-g'));
    const res = await h.subscribe('cust-g', 'GOLD');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEMBERSHIP_EXISTS');
    expect(h.emulator.transactions()).toHaveLength(1);
    expect(await h.rt.kv.get(activeSlotKey('cust-g'))).toMatch(/^member:mem_/);
  });
});

describe('subscribe when the gateway or the warehouse fails', () => {
  let h: MembershipsHarness;
  afterEach(() => h.close());

  it('a gateway timeout is reconciled: one charge, recorded with its real transaction id', async () => {
    h = await startMemberships({ env: { AUTHORIZE_NET_TIMEOUT_MS: '500' }, emulator: { timeoutMs: 5_000 } });
    await h.verifyAge('cust-t');
    const res = await h.subscribe('cust-t', 'BRONZE', 'tok_timeout');
    expect(res.status).toBe(201);
    const charges = h.emulator.transactions();
    expect(charges).toHaveLength(1);
    expect(res.body.payment.transactionId).toBe(charges[0].transId);
    const ledger = await paymentsOf(h, 'cust-t');
    expect(ledger.map((p) => [p.status, p.transaction_id, p.reconciled])).toEqual([
      ['attempted', null, false],
      ['approved', charges[0].transId, true],
    ]);
  });

  it('a gateway error leaves neither a charge nor a membership, only the record of the attempt', async () => {
    h = await startMemberships();
    await h.verifyAge('cust-x');
    const res = await h.subscribe('cust-x', 'GOLD', 'tok_error');
    expect(res.status).toBe(502);
    expect(h.emulator.transactions().map((t) => t.status)).toEqual(['generalError']);
    expect((await paymentsOf(h, 'cust-x')).map((p) => p.status)).toEqual(['attempted', 'error']);
    expect(await eventsOf(h, 'cust-x')).toEqual([]);
  });

  it('when the membership cannot be saved after the charge, the charge is voided, the stored card deleted, and both recorded', async () => {
    h = await startMemberships();
    await h.verifyAge('cust-w');
    h.faults.failAppendsTo.add('commerce.membership_events');
    const headers = { 'Idempotency-Key': 'retry-me' };
    const token = h.cardToken();
    const res = await h.subscribe('cust-w', 'GOLD', token, headers);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('MEMBERSHIP_NOT_SAVED');
    const [charge] = h.emulator.transactions();
    expect(charge.status).toBe('voided');
    expect(h.emulator.profiles()).toEqual([]);
    expect((await paymentsOf(h, 'cust-w')).map((p) => [p.status, p.transaction_id ?? p.charge_transaction_id])).toEqual([
      ['attempted', null],
      ['approved', charge.transId],
      ['voided', charge.transId],
    ]);
    expect((await h.request('GET', '/api/memberships/cust-w', { as: 'cust-w' })).status).toBe(404);

    // The warehouse is back. The voided charge spent the token, so the same request (a 5xx is not kept) is refused
    // before anything is charged, telling the payment form to make a new token.
    h.faults.failAppendsTo.clear();
    const same = await h.subscribe('cust-w', 'GOLD', token, headers);
    expect(same.status).toBe(400);
    expect(same.body.code).toBe('PAYMENT_TOKEN_INVALID');
    expect(h.emulator.transactions()).toHaveLength(1);

    // The new token comes as a new request; it charges once, stores the card and saves.
    const retry = await h.subscribe('cust-w', 'GOLD', h.cardToken(), { 'Idempotency-Key': 'retry-me-new-card' });
    expect(retry.status).toBe(201);
    const charges = h.emulator.transactions();
    expect(charges.map((t) => t.status)).toEqual(['voided', 'capturedPendingSettlement']);
    expect(retry.body.payment.transactionId).toBe(charges[1].transId);
    expect(h.emulator.profiles().map((p) => p.paymentProfiles[0].sourceTransId)).toEqual([charges[1].transId]);
  });

  it('when even the payment outcome cannot be recorded, the charge is voided at the gateway', async () => {
    h = await startMemberships();
    await h.verifyAge('cust-v');
    // The attempt row is written, then the warehouse goes down before the outcome can be.
    const real = h.rt.warehouse.append.bind(h.rt.warehouse);
    let appends = 0;
    (h.rt.warehouse as { append: typeof real }).append = async (table, rows) => {
      if (table.id === 'commerce.payments_taken' && ++appends > 1) throw new Error('warehouse down');
      return real(table, rows);
    };
    const res = await h.subscribe('cust-v', 'SILVER');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('PAYMENT_NOT_RECORDED');
    expect(h.emulator.transactions().map((t) => t.status)).toEqual(['voided']);
    expect(await eventsOf(h, 'cust-v')).toEqual([]);
    expect(h.rt.logs.some((l) => l.message === 'payment reversal could not be recorded')).toBe(true);
  });

  it('when the attempt cannot be recorded, nothing is charged', async () => {
    h = await startMemberships();
    await h.verifyAge('cust-u');
    h.faults.failAppendsTo.add('commerce.payments_taken');
    const res = await h.subscribe('cust-u', 'SILVER');
    expect(res.status).toBe(503);
    expect(h.emulator.transactions()).toEqual([]);
  });
});
