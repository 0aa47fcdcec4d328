import { AuthorizeNetClient } from '@shared/payments/authorize-net-client';
import { AuthorizeNetGateway } from '@shared/payments/authorize-net-gateway';
import { invoiceNumberFor } from '@shared/payments/invoice-number';
import { AUTHORIZE_NET_EMULATOR_CREDENTIALS } from '@shared/payments/local-emulator-env';
import { paymentFailureError } from '@shared/payments/payment-failure';
import { type PaymentIntent, paymentRows, reversePayment, takePayment } from '@shared/payments/payment-ledger';
import { type AuthorizeNetEmulator, startAuthorizeNetEmulator } from '../../../scripts/emulators/authorize-net';
import { type TestRuntime, createTestRuntime } from '../../support/runtime';

describe('payments ledger around every charge', () => {
  let rt: TestRuntime;
  let emulator: AuthorizeNetEmulator;
  let gateway: AuthorizeNetGateway;
  const intent = (token: string, paymentKey: string): PaymentIntent => ({
    customerId: 'cust-1',
    purpose: 'test.purchase',
    subjectId: `subject-${paymentKey}`,
    amountCents: 1999,
    source: { kind: 'token', token },
    paymentKey,
    description: 'test purchase',
  });
  const statuses = async (paymentKey: string) => (await paymentRows(rt, { subjectId: `subject-${paymentKey}` })).map((r) => [r.status, r.transaction_id ?? r.charge_transaction_id]);

  beforeEach(async () => {
    rt = createTestRuntime();
    emulator = await startAuthorizeNetEmulator({ now: () => rt.clock.now() });
    gateway = new AuthorizeNetGateway({
      client: new AuthorizeNetClient({
        baseUrl: emulator.url,
        apiLoginId: AUTHORIZE_NET_EMULATOR_CREDENTIALS.apiLoginId,
        transactionKey: async () => AUTHORIZE_NET_EMULATOR_CREDENTIALS.transactionKey,
        timeoutMs: 2_000,
      }),
    });
  });
  afterEach(async () => {
    await emulator.close();
    await rt.warehouse.close();
  });

  it('writes the attempt before the call and the outcome with its transaction id after; the invoice is the payment id', async () => {
    const taken = await takePayment(rt, gateway, intent('tok_visa_test', 'k1'));
    expect(taken).toMatchObject({ outcome: 'approved', paymentId: invoiceNumberFor('k1'), amountCents: 1999 });
    expect(emulator.transactions()[0].invoiceNumber).toBe(taken.paymentId);
    expect(await statuses('k1')).toEqual([
      ['attempted', null],
      ['approved', taken.transactionId],
    ]);
  });

  it('voids a charge held for review at once, so it cannot capture later', async () => {
    const taken = await takePayment(rt, gateway, intent('tok_review', 'k2'));
    expect(taken.outcome).toBe('held_for_review');
    expect(emulator.transactions()[0].status).toBe('voided');
    expect(await statuses('k2')).toEqual([
      ['attempted', null],
      ['held_for_review', taken.transactionId],
      ['voided', taken.transactionId],
    ]);
  });

  it('retrying an operation whose charge was voided charges afresh under a derived invoice', async () => {
    const first = await takePayment(rt, gateway, intent('tok_visa_test', 'k3'));
    await reversePayment(rt, gateway, first, 'operation failed');
    // The payment form gives the retry a fresh token for the same card; the gateway matches the card to the voided charge.
    const retry = await takePayment(rt, gateway, intent('tok_visa_test_2', 'k3'));
    expect(retry.outcome).toBe('approved');
    expect(retry.transactionId).not.toBe(first.transactionId);
    expect(retry.paymentId).toBe(invoiceNumberFor(`k3:after-void:${first.transactionId}`));
    expect(emulator.transactions().map((t) => t.status)).toEqual(['voided', 'capturedPendingSettlement']);
    // And retrying that again is recognised, not charged a third time.
    expect((await takePayment(rt, gateway, intent('tok_visa_test_2', 'k3'))).transactionId).toBe(retry.transactionId);
    expect(emulator.transactions()).toHaveLength(2);
  });

  it('charges a stored card like a token, recording the same attempt and outcome rows', async () => {
    const paid = await takePayment(rt, gateway, intent('tok_visa_test', 'k5'));
    const stored = await gateway.createProfileFromTransaction({ transactionId: paid.transactionId as string, merchantCustomerId: 'K5', description: 'test' });
    if (!stored.ok) throw new Error(stored.reason);
    const renewal = await takePayment(rt, gateway, { ...intent('unused', 'k6'), source: { kind: 'profile', ...stored.card } });
    expect(renewal).toMatchObject({ outcome: 'approved', card: { last4: '1111' } });
    expect(emulator.transactions()[1]).toMatchObject({ transId: renewal.transactionId, customerProfileId: stored.card.customerProfileId });
    expect(emulator.transactions()[1]).not.toHaveProperty('token');
    expect(await statuses('k6')).toEqual([
      ['attempted', null],
      ['approved', renewal.transactionId],
    ]);
  });

  it('reverses a settled charge by refund', async () => {
    const taken = await takePayment(rt, gateway, intent('tok_visa_test', 'k4'));
    emulator.settle();
    const reversal = await reversePayment(rt, gateway, taken, 'customer refunded');
    expect(reversal).toMatchObject({ ok: true });
    const rows = await paymentRows(rt, { subjectId: 'subject-k4' });
    expect(rows.at(-1)).toMatchObject({ status: 'refunded', charge_transaction_id: taken.transactionId, transaction_id: reversal?.transactionId });
  });

  it.each([
    ['declined', 402, 'PAYMENT_DECLINED'],
    ['held_for_review', 402, 'HELD_FOR_REVIEW'],
    ['error', 502, 'GATEWAY_ERROR'],
    ['unknown', 502, 'GATEWAY_ERROR'],
  ] as const)('a %s charge is answered %i %s', (outcome, status, code) => {
    const error = paymentFailureError({ outcome, paymentId: 'P1', transactionId: null, authCode: null, card: null, reasonCode: null, reason: '', reconciled: false });
    expect([error.status, error.code]).toEqual([status, code]);
  });
});
