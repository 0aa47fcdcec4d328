import { startAuthorizeNetEmulator, type AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { callApi, charge, type ManualClock, startEmulatorOnManualClock } from './api-client';

const SPENT = { resultCode: 'Error', message: [{ code: 'E00114', text: 'Invalid OTS Token.' }] };
const invoice = (invoiceNumber: string) => ({ order: { invoiceNumber } });
const window120 = { transactionSettings: { setting: [{ settingName: 'duplicateWindow', settingValue: '120' }] } };

describe('Authorize.Net emulator single-use tokens (the default, as Accept.js nonces are)', () => {
  let emulator: AuthorizeNetEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    ({ emulator, clock } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  it('a token pays once: a second, different charge with it is refused with E00114 and creates nothing', async () => {
    const first = await charge(emulator.url, 'tok_visa_test', '47.00', invoice('A'));
    const second = await charge(emulator.url, 'tok_visa_test', '97.00', invoice('B'));

    expect(first.json.transactionResponse.responseCode).toBe('1');
    expect(second.json).toEqual({ messages: SPENT });
    expect(emulator.transactions().map((t) => t.invoiceNumber)).toEqual(['A']);
  });

  it.each(['tok_declined', 'tok_error', 'tok_review'])('%s is spent by its charge too, whatever the outcome', async (token) => {
    await charge(emulator.url, token, '47.00', invoice('A'));
    clock.advanceSeconds(3600);
    expect((await charge(emulator.url, token, '47.00', invoice('A'))).json).toEqual({ messages: SPENT });
  });

  it('resubmitting the identical charge is still recognised as a duplicate and names the original', async () => {
    const first = await charge(emulator.url, 'tok_visa_test', '47.00', { ...invoice('A'), ...window120 });
    const again = await charge(emulator.url, 'tok_visa_test', '47.00', { ...invoice('A'), ...window120 });

    expect(again.json.transactionResponse).toMatchObject({
      responseCode: '3',
      transId: first.json.transactionResponse.transId,
      errors: [{ errorCode: '11', errorText: 'A duplicate transaction has been submitted.' }],
    });
    // Once the window has passed, the spent token is simply refused.
    clock.advanceSeconds(121);
    expect((await charge(emulator.url, 'tok_visa_test', '47.00', { ...invoice('A'), ...window120 })).json).toEqual({ messages: SPENT });
  });

  it('a suffixed token is a fresh nonce for the same test card', async () => {
    const { json } = await charge(emulator.url, 'tok_visa_test_7f3a', '47.00');
    expect(json.transactionResponse).toMatchObject({ responseCode: '1', accountNumber: 'XXXX1111', accountType: 'Visa' });
    expect((await charge(emulator.url, 'tok_declined_1', '47.00')).json.transactionResponse.responseCode).toBe('2');
    expect(emulator.transactions().map((t) => [t.token, t.testCard])).toEqual([
      ['tok_visa_test_7f3a', 'tok_visa_test'],
      ['tok_declined_1', 'tok_declined'],
    ]);
    // A suffix does not make an unknown name a card.
    expect((await charge(emulator.url, 'tok_unknown_1', '47.00')).json.transactionResponse.errors[0].errorCode).toBe('153');
  });

  it('an amount that is refused before the card is read does not spend the token', async () => {
    await charge(emulator.url, 'tok_visa_test', '0');
    expect((await charge(emulator.url, 'tok_visa_test', '47.00')).json.transactionResponse.responseCode).toBe('1');
  });

  it('an ARB subscription spends its token, and a spent token cannot start one', async () => {
    const subscription = (token: string) =>
      callApi(emulator.url, 'ARBCreateSubscriptionRequest', {
        subscription: {
          paymentSchedule: { interval: { length: '1', unit: 'months' }, startDate: '2025-04-01', totalOccurrences: '12' },
          amount: '47.00',
          payment: { opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: token } },
        },
      });
    expect((await subscription('tok_visa_test')).json.messages.resultCode).toBe('Ok');
    expect((await subscription('tok_visa_test')).json.messages).toEqual(SPENT);
    expect((await charge(emulator.url, 'tok_visa_test', '47.00')).json.messages).toEqual(SPENT);
  });

  it('singleUseTokens: false lets a hand-typed token pay again and again', async () => {
    const reusable = await startAuthorizeNetEmulator({ now: clock.now, singleUseTokens: false });
    try {
      await charge(reusable.url, 'tok_visa_test', '47.00', invoice('A'));
      const { json } = await charge(reusable.url, 'tok_visa_test', '97.00', invoice('B'));
      expect(json.transactionResponse.responseCode).toBe('1');
      expect(reusable.transactions()).toHaveLength(2);
    } finally {
      await reusable.close();
    }
  });
});
