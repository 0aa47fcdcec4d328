import { startAuthorizeNetEmulator, type AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { charge, type ManualClock, startEmulatorOnManualClock } from './api-client';

const DUPLICATE = [{ errorCode: '11', errorText: 'A duplicate transaction has been submitted.' }];

function windowOf(seconds: string | number): Record<string, unknown> {
  return { transactionSettings: { setting: [{ settingName: 'duplicateWindow', settingValue: seconds }] } };
}

describe('Authorize.Net emulator duplicate window', () => {
  let emulator: AuthorizeNetEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    ({ emulator, clock } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  const invoice = (invoiceNumber: string): Record<string, unknown> => ({ order: { invoiceNumber } });

  it('refuses the same amount, token and invoice within 120 s with error 11 and without details', async () => {
    await charge(emulator.url, 'tok_visa_test', '47.00', invoice('M-1'));
    clock.advanceSeconds(119);
    const { json } = await charge(emulator.url, 'tok_visa_test', '47.00', invoice('M-1'));

    expect(json.transactionResponse).toMatchObject({ responseCode: '3', transId: '0', errors: DUPLICATE });
    expect(json.messages.message[0].code).toBe('E00027');
    expect(emulator.transactions()).toHaveLength(1);
  });

  it('compares the card, not the token: a fresh nonce for the same card with the same amount and invoice is a duplicate', async () => {
    await charge(emulator.url, 'tok_visa_test_1', '47.00', invoice('M-1'));
    const { json } = await charge(emulator.url, 'tok_visa_test_2', '47.00', invoice('M-1'));

    expect(json.transactionResponse.errors).toEqual(DUPLICATE);
    expect(emulator.transactions()).toHaveLength(1);
  });

  // Tokens are single-use, so each second charge is paid with a fresh nonce for the same card.
  it.each([
    ['another invoice number', '47.00', 'M-2', 0],
    ['another amount', '47.01', 'M-1', 0],
    ['the window has passed', '47.00', 'M-1', 121],
  ])('approves the second charge when %s', async (_label, amount, invoiceNumber, waitSeconds) => {
    await charge(emulator.url, 'tok_visa_test_1', '47.00', invoice('M-1'));
    clock.advanceSeconds(waitSeconds);
    const { json } = await charge(emulator.url, 'tok_visa_test_2', amount, invoice(invoiceNumber));

    expect(json.transactionResponse.responseCode).toBe('1');
    expect(emulator.transactions()).toHaveLength(2);
  });

  it('lets a request switch detection off with duplicateWindow 0', async () => {
    await charge(emulator.url, 'tok_visa_test_1', '47.00', { ...invoice('M-1'), ...windowOf('0') });
    const { json } = await charge(emulator.url, 'tok_visa_test_2', '47.00', { ...invoice('M-1'), ...windowOf(0) });

    expect(json.transactionResponse.responseCode).toBe('1');
  });

  it('honours a longer window sent with the request and then names the original transaction', async () => {
    const first = await charge(emulator.url, 'tok_visa_test', '47.00', invoice('M-1'));
    clock.advanceSeconds(600);
    const { json } = await charge(emulator.url, 'tok_visa_test', '47.00', { ...invoice('M-1'), ...windowOf('900') });

    expect(json.transactionResponse).toMatchObject({
      responseCode: '3',
      transId: first.json.transactionResponse.transId,
      authCode: first.json.transactionResponse.authCode,
      errors: DUPLICATE,
    });
  });

  it('counts a decline, so retrying a declined card at once is refused as a duplicate', async () => {
    await charge(emulator.url, 'tok_declined', '47.00', invoice('M-1'));
    const { json } = await charge(emulator.url, 'tok_declined', '47.00', invoice('M-1'));

    expect(json.transactionResponse.errors).toEqual(DUPLICATE);
  });

  it('does not count a processing error, so the same charge can be retried at once with a fresh nonce', async () => {
    await charge(emulator.url, 'tok_error_1', '47.00', invoice('M-1'));
    const { json } = await charge(emulator.url, 'tok_error_2', '47.00', invoice('M-1'));

    expect(json.transactionResponse.errors).toEqual([
      { errorCode: '19', errorText: 'An error occurred during processing.  Please try again.' },
    ]);
    expect(emulator.transactions()).toHaveLength(2);
  });

  it('uses the duplicateWindowSeconds option as the default window', async () => {
    await emulator.close();
    emulator = await startAuthorizeNetEmulator({ now: clock.now, duplicateWindowSeconds: 5 });
    await charge(emulator.url, 'tok_visa_test_1', '47.00', invoice('M-1'));
    clock.advanceSeconds(6);
    const { json } = await charge(emulator.url, 'tok_visa_test_2', '47.00', invoice('M-1'));

    expect(json.transactionResponse.responseCode).toBe('1');
  });
});
