import type { AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { charge, type ManualClock, startEmulatorOnManualClock, voidCharge } from './api-client';

describe('Authorize.Net emulator voids', () => {
  let emulator: AuthorizeNetEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    ({ emulator, clock } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  it('voids an unsettled charge, answering with its own transId and auth code', async () => {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '97.00');
    const { transId, authCode } = charged.transactionResponse;

    const { json } = await voidCharge(emulator.url, transId);

    expect(json.transactionResponse).toMatchObject({
      responseCode: '1',
      transId,
      refTransID: transId,
      authCode,
      accountNumber: 'XXXX1111',
      messages: [{ code: '1', description: 'This transaction has been approved.' }],
    });
    expect(json.messages.resultCode).toBe('Ok');
    expect(emulator.transactions()).toEqual([expect.objectContaining({ transId, status: 'voided' })]);
  });

  it('refuses to void the same transaction twice with error 310', async () => {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '97.00');
    await voidCharge(emulator.url, charged.transactionResponse.transId);

    const { json } = await voidCharge(emulator.url, charged.transactionResponse.transId);

    expect(json.transactionResponse).toMatchObject({
      responseCode: '3',
      transId: '0',
      errors: [{ errorCode: '310', errorText: 'This transaction has already been voided.' }],
    });
    expect(json.messages.message[0].code).toBe('E00027');
  });

  it('answers an unknown transaction id with error 16', async () => {
    const { json } = await voidCharge(emulator.url, '12345678901');

    expect(json.transactionResponse).toMatchObject({
      responseCode: '3',
      refTransID: '12345678901',
      errors: [{ errorCode: '16', errorText: 'The transaction cannot be found.' }],
    });
  });

  it('voids a charge held for review', async () => {
    const { json: held } = await charge(emulator.url, 'tok_review', '47.00');

    const { json } = await voidCharge(emulator.url, held.transactionResponse.transId);

    expect(json.transactionResponse.responseCode).toBe('1');
    expect(emulator.transactions()[0].status).toBe('voided');
  });

  it('cannot void once the batch has settled, and a voided charge never settles', async () => {
    const { json: kept } = await charge(emulator.url, 'tok_visa_test_1', '47.00');
    const { json: voided } = await charge(emulator.url, 'tok_visa_test_2', '97.00');
    await voidCharge(emulator.url, voided.transactionResponse.transId);
    clock.advanceSeconds(24 * 3600);

    const { json } = await voidCharge(emulator.url, kept.transactionResponse.transId);

    expect(json.transactionResponse.errors[0].errorCode).toBe('16');
    expect(emulator.transactions().map((t) => t.status)).toEqual(['settledSuccessfully', 'voided']);
  });

  it('cannot void a declined charge', async () => {
    const { json: declined } = await charge(emulator.url, 'tok_declined', '47.00');

    const { json } = await voidCharge(emulator.url, declined.transactionResponse.transId);

    expect(json.transactionResponse.responseCode).toBe('3');
    expect(emulator.transactions()[0].status).toBe('declined');
  });
});
