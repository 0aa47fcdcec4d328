import type { AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { charge, type ManualClock, refund, startEmulatorOnManualClock, voidCharge } from './api-client';

describe('Authorize.Net emulator refunds', () => {
  let emulator: AuthorizeNetEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    ({ emulator, clock } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  /** A $47.00 charge that has gone through the nightly batch. */
  async function settledCharge(): Promise<string> {
    const { json } = await charge(emulator.url, 'tok_visa_test', '47.00');
    clock.advanceSeconds(24 * 3600);
    return json.transactionResponse.transId;
  }

  it('refuses to refund a charge that has not settled yet (void it instead) with error 54', async () => {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '47.00');

    const { json } = await refund(emulator.url, charged.transactionResponse.transId, '47.00');

    expect(json.transactionResponse).toMatchObject({
      responseCode: '3',
      errors: [
        { errorCode: '54', errorText: 'The referenced transaction does not meet the criteria for issuing a credit.' },
      ],
    });
  });

  it('settles at the daily cut-off (23:00 UTC by default), not after a fixed delay', async () => {
    await charge(emulator.url, 'tok_visa_test', '47.00');
    clock.advanceSeconds(10 * 3600 + 59 * 60);
    expect(emulator.transactions()[0].status).toBe('capturedPendingSettlement');
    clock.advanceSeconds(60);
    expect(emulator.transactions()[0]).toMatchObject({
      status: 'settledSuccessfully',
      settledAt: '2025-03-10T23:00:00.000Z',
    });
  });

  it('refunds a settled charge as a new transaction that points back at it', async () => {
    const transId = await settledCharge();

    const { json } = await refund(emulator.url, transId, '20.00');

    expect(json.transactionResponse).toMatchObject({
      responseCode: '1',
      refTransID: transId,
      accountNumber: 'XXXX1111',
      messages: [{ code: '1', description: 'This transaction has been approved.' }],
    });
    expect(json.transactionResponse.transId).not.toBe(transId);
    expect(emulator.transactions()[1]).toMatchObject({
      transId: json.transactionResponse.transId,
      type: 'refundTransaction',
      amountCents: 2000,
      status: 'refundPendingSettlement',
      refTransId: transId,
    });
  });

  it('refunds in parts up to the captured amount and refuses the cent beyond it with error 55', async () => {
    const transId = await settledCharge();

    const first = await refund(emulator.url, transId, '20.00');
    const second = await refund(emulator.url, transId, '27.00');
    const beyond = await refund(emulator.url, transId, '0.01');

    expect(first.json.transactionResponse.responseCode).toBe('1');
    expect(second.json.transactionResponse.responseCode).toBe('1');
    expect(beyond.json.transactionResponse.errors).toEqual([
      {
        errorCode: '55',
        errorText: 'The sum of credits against the referenced transaction would exceed original debit amount.',
      },
    ]);
  });

  it('refuses a single refund larger than the charge', async () => {
    const transId = await settledCharge();

    const { json } = await refund(emulator.url, transId, '47.01');

    expect(json.transactionResponse.errors[0].errorCode).toBe('55');
    expect(emulator.transactions()).toHaveLength(1);
  });

  it('gives the amount of a voided refund back', async () => {
    const transId = await settledCharge();
    const { json: refunded } = await refund(emulator.url, transId, '47.00');
    await voidCharge(emulator.url, refunded.transactionResponse.transId);

    const { json } = await refund(emulator.url, transId, '47.00', '1111', { order: { invoiceNumber: 'again' } });

    expect(json.transactionResponse.responseCode).toBe('1');
  });

  it('treats an identical refund sent twice at once as a duplicate', async () => {
    const transId = await settledCharge();
    await refund(emulator.url, transId, '47.00');

    const { json } = await refund(emulator.url, transId, '47.00');

    expect(json.transactionResponse.errors[0].errorCode).toBe('11');
  });

  it.each([
    ['the wrong last four digits', '4242', '54'],
    ['the masked form of the right card', 'XXXX1111', undefined],
  ])('checks the card: %s', async (_label, cardNumber, errorCode) => {
    const transId = await settledCharge();

    const { json } = await refund(emulator.url, transId, '5.00', cardNumber);

    expect(json.transactionResponse.errors?.[0].errorCode).toBe(errorCode);
  });

  it('answers a refund of an unknown transaction with 16 and of a declined one with 54', async () => {
    const { json: declined } = await charge(emulator.url, 'tok_declined', '47.00');
    clock.advanceSeconds(24 * 3600);

    const unknown = await refund(emulator.url, '99999999999', '1.00');
    const ofDecline = await refund(emulator.url, declined.transactionResponse.transId, '1.00');

    expect(unknown.json.transactionResponse.errors[0].errorCode).toBe('16');
    expect(ofDecline.json.transactionResponse.errors[0].errorCode).toBe('54');
  });

  it('settles the refund in the next batch', async () => {
    const transId = await settledCharge();
    await refund(emulator.url, transId, '10.00');
    clock.advanceSeconds(24 * 3600);

    expect(emulator.transactions().map((t) => t.status)).toEqual(['settledSuccessfully', 'refundSettledSuccessfully']);
  });
});
