import type { AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { callApi, startEmulatorOnManualClock } from './api-client';

type Overrides = { schedule?: Record<string, unknown>; subscription?: Record<string, unknown> };

function subscriptionRequest({ schedule = {}, subscription = {} }: Overrides = {}): Record<string, unknown> {
  return {
    refId: 'sub-1',
    subscription: {
      name: 'GOLD membership',
      paymentSchedule: {
        interval: { length: '1', unit: 'months' },
        startDate: '2025-04-10',
        totalOccurrences: '9999',
        ...schedule,
      },
      amount: '197.00',
      payment: { opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: 'tok_visa_test' } },
      order: { invoiceNumber: 'GOLD-c1' },
      ...subscription,
    },
  };
}

describe('Authorize.Net emulator recurring billing (ARB)', () => {
  let emulator: AuthorizeNetEmulator;
  beforeEach(async () => {
    ({ emulator } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  const status = async (subscriptionId: string): Promise<string> =>
    (await callApi(emulator.url, 'ARBGetSubscriptionStatusRequest', { subscriptionId })).json.status;

  it('creates an active subscription with a numeric id and profile ids', async () => {
    const { json } = await callApi(emulator.url, 'ARBCreateSubscriptionRequest', subscriptionRequest());

    expect(json).toEqual({
      subscriptionId: expect.stringMatching(/^\d+$/),
      profile: {
        customerProfileId: expect.stringMatching(/^\d+$/),
        customerPaymentProfileId: expect.stringMatching(/^\d+$/),
      },
      refId: 'sub-1',
      messages: { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] },
    });
    expect(emulator.subscriptions()).toEqual([
      expect.objectContaining({
        subscriptionId: json.subscriptionId,
        status: 'active',
        amountCents: 19700,
        intervalLength: 1,
        intervalUnit: 'months',
        startDate: '2025-04-10',
        token: 'tok_visa_test',
      }),
    ]);
    expect(await status(json.subscriptionId)).toBe('active');
    // ARB bills on its schedule; creating the subscription charges nothing.
    expect(emulator.transactions()).toEqual([]);
  });

  it('cancels once, answers a repeated cancel with I00002, and reports the subscription canceled', async () => {
    const { json: created } = await callApi(emulator.url, 'ARBCreateSubscriptionRequest', subscriptionRequest());
    const cancel = (): ReturnType<typeof callApi> =>
      callApi(emulator.url, 'ARBCancelSubscriptionRequest', { subscriptionId: created.subscriptionId });

    const first = await cancel();
    const second = await cancel();

    expect(first.json.messages).toEqual({ resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] });
    expect(second.json.messages).toEqual({
      resultCode: 'Ok',
      message: [{ code: 'I00002', text: 'The subscription has already been canceled.' }],
    });
    expect(await status(created.subscriptionId)).toBe('canceled');
    expect(emulator.subscriptions()[0]).toMatchObject({ status: 'canceled', canceledAt: '2025-03-10T12:00:00.000Z' });
  });

  it('answers a cancel of an unknown subscription with E00035', async () => {
    const { json } = await callApi(emulator.url, 'ARBCancelSubscriptionRequest', { subscriptionId: '1' });

    expect(json.messages.message).toEqual([{ code: 'E00035', text: 'The subscription cannot be found.' }]);
  });

  it.each<[string, Overrides, string]>([
    ['a start date in the past', { schedule: { startDate: '2025-03-09' } }, 'E00017'],
    ['a 13-month interval', { schedule: { interval: { length: '13', unit: 'months' } } }, 'E00022'],
    ['a 6-day interval', { schedule: { interval: { length: '6', unit: 'days' } } }, 'E00022'],
    ['no start date', { schedule: { startDate: undefined } }, 'E00032'],
    ['no amount', { subscription: { amount: undefined } }, 'E00031'],
    ['no payment', { subscription: { payment: undefined } }, 'E00029'],
    ['an unknown token', { subscription: { payment: { opaqueData: { dataValue: 'tok_nope' } } } }, 'E00114'],
  ])('refuses %s', async (_label, overrides, code) => {
    const { json } = await callApi(emulator.url, 'ARBCreateSubscriptionRequest', subscriptionRequest(overrides));

    expect(json.messages.resultCode).toBe('Error');
    expect(json.messages.message[0].code).toBe(code);
    expect(emulator.subscriptions()).toEqual([]);
  });
});
