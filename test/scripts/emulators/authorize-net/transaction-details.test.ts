import type { AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { charge, type ManualClock, startEmulatorOnManualClock, transactionDetails, voidCharge } from './api-client';

describe('Authorize.Net emulator getTransactionDetails', () => {
  let emulator: AuthorizeNetEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    ({ emulator, clock } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  it('reports a charge with its status, amounts in dollars and invoice number', async () => {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '47.10', { order: { invoiceNumber: 'M-7' } });
    const { transId } = charged.transactionResponse;

    const { json } = await transactionDetails(emulator.url, transId);

    expect(json.messages).toEqual({ resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] });
    expect(json.transaction).toMatchObject({
      transId,
      submitTimeUTC: '2025-03-10T12:00:00.000Z',
      transactionType: 'authCaptureTransaction',
      transactionStatus: 'capturedPendingSettlement',
      responseCode: 1,
      authCode: charged.transactionResponse.authCode,
      order: { invoiceNumber: 'M-7' },
      authAmount: 47.1,
      settleAmount: 47.1,
      payment: { creditCard: { cardNumber: 'XXXX1111', expirationDate: 'XXXX', cardType: 'Visa' } },
    });
  });

  it('follows the transaction through void', async () => {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '47.00');
    const { transId } = charged.transactionResponse;
    await voidCharge(emulator.url, transId);

    const { json } = await transactionDetails(emulator.url, transId);

    expect(json.transaction).toMatchObject({ transactionStatus: 'voided', settleAmount: 0 });
  });

  it('shows the batch once the charge has settled', async () => {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '47.00');
    clock.advanceSeconds(24 * 3600);

    const { json } = await transactionDetails(emulator.url, charged.transactionResponse.transId);

    expect(json.transaction.transactionStatus).toBe('settledSuccessfully');
    expect(json.transaction.batch).toMatchObject({
      batchId: expect.stringMatching(/^\d+$/),
      settlementTimeUTC: '2025-03-10T23:00:00.000Z',
      settlementState: 'settledSuccessfully',
    });
  });

  it.each([
    ['tok_declined', 'declined', 2],
    ['tok_review', 'FDSPendingReview', 4],
  ])('reports a %s charge as %s', async (token, status, responseCode) => {
    const { json: charged } = await charge(emulator.url, token, '47.00');

    const { json } = await transactionDetails(emulator.url, charged.transactionResponse.transId);

    expect(json.transaction).toMatchObject({ transactionStatus: status, responseCode, authAmount: 0, settleAmount: 0 });
  });

  it('answers an unknown id with E00040', async () => {
    const { json } = await transactionDetails(emulator.url, '60000000000');

    expect(json).toEqual({
      messages: { resultCode: 'Error', message: [{ code: 'E00040', text: 'The record cannot be found.' }] },
    });
  });
});
