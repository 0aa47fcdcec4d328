import type { AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { callApi, charge, startEmulatorOnManualClock } from './api-client';

const CARD_NUMBER = '4111111111111111';

describe('Authorize.Net emulator refuses card numbers', () => {
  let emulator: AuthorizeNetEmulator;
  beforeEach(async () => {
    ({ emulator } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  /** Everything the emulator could have kept, as text. */
  async function everythingStored(): Promise<string> {
    const viaHttp = await Promise.all(
      ['transactions', 'subscriptions'].map(async (kind) => (await fetch(`${emulator.url}/emulator/${kind}`)).text()),
    );
    return JSON.stringify([emulator.transactions(), emulator.subscriptions(), viaHttp]);
  }

  it.each([
    ['creditCard', { creditCard: { cardNumber: CARD_NUMBER, expirationDate: '2030-12', cardCode: '123' } }],
    ['trackData', { trackData: { track2: `${CARD_NUMBER}=30121010000000000000` } }],
    ['creditCard with spaces', { creditCard: { cardNumber: '4111 1111 1111 1111', expirationDate: '2030-12' } }],
  ])('refuses a charge carrying %s with error 155 and keeps none of it', async (_label, payment) => {
    const { raw, json } = await callApi(emulator.url, 'createTransactionRequest', {
      transactionRequest: { transactionType: 'authCaptureTransaction', amount: '47.00', payment },
    });

    expect(json.transactionResponse).toMatchObject({
      responseCode: '3',
      transId: '0',
      accountNumber: '',
      errors: [
        { errorCode: '155', errorText: 'This processor does not support this method of submitting payment data.' },
      ],
    });
    expect(raw).not.toMatch(/4111|1111/);
    expect(emulator.transactions()).toEqual([]);
    expect(await everythingStored()).not.toMatch(/4111|1111 1111/);
  });

  it('refuses a refund that sends the full card number instead of the last four', async () => {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '47.00');
    emulator.settle();

    const { raw, json } = await callApi(emulator.url, 'createTransactionRequest', {
      transactionRequest: {
        transactionType: 'refundTransaction',
        amount: '47.00',
        payment: { creditCard: { cardNumber: CARD_NUMBER, expirationDate: '2030-12' } },
        refTransId: charged.transactionResponse.transId,
      },
    });

    expect(json.transactionResponse.errors[0].errorCode).toBe('155');
    expect(raw).not.toContain(CARD_NUMBER);
    expect(emulator.transactions().map((t) => t.type)).toEqual(['authCaptureTransaction']);
    expect(await everythingStored()).not.toContain(CARD_NUMBER);
  });

  it('refuses a subscription paid with a card number', async () => {
    const { raw, json } = await callApi(emulator.url, 'ARBCreateSubscriptionRequest', {
      subscription: {
        name: 'GOLD',
        paymentSchedule: {
          interval: { length: '1', unit: 'months' },
          startDate: '2025-03-10',
          totalOccurrences: '9999',
        },
        amount: '197.00',
        payment: { creditCard: { cardNumber: CARD_NUMBER, expirationDate: '2030-12' } },
      },
    });

    expect(json.messages).toEqual({
      resultCode: 'Error',
      message: [{ code: 'E00013', text: 'The field is invalid.' }],
    });
    expect(raw).not.toContain(CARD_NUMBER);
    expect(emulator.subscriptions()).toEqual([]);
    expect(await everythingStored()).not.toContain(CARD_NUMBER);
  });
});
