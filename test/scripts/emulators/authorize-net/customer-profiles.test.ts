import type { AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import {
  callApi,
  charge,
  chargeProfile,
  type Json,
  type ManualClock,
  profileFromTransaction,
  refund,
  startEmulatorOnManualClock,
  transactionDetails,
  voidCharge,
} from './api-client';

const OK = { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] };
const error = (code: string, text: string) => ({ resultCode: 'Error', message: [{ code, text }] });
const NOT_FOUND = error('E00040', 'The record cannot be found.');
const invoice = (invoiceNumber: string) => ({ order: { invoiceNumber } });

describe('Authorize.Net emulator customer profiles from transactions', () => {
  let emulator: AuthorizeNetEmulator;
  let clock: ManualClock;
  beforeEach(async () => {
    ({ emulator, clock } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  /** An approved tok_visa_test charge and the profile made from it. */
  async function storedCard(token = 'tok_visa_test', merchantCustomerId = 'M-1') {
    const { json: charged } = await charge(emulator.url, token, '47.00', invoice(`SUB-${merchantCustomerId}`));
    const { json } = await profileFromTransaction(emulator.url, charged.transactionResponse.transId, {
      customer: { merchantCustomerId, description: 'Membership mem_1' },
    });
    return { transId: charged.transactionResponse.transId as string, json, customerProfileId: json.customerProfileId as string, paymentProfileId: json.customerPaymentProfileIdList?.[0] as string };
  }

  it('stores the card of an approved charge and answers with the profile, payment profile and shipping address ids', async () => {
    const { json, transId } = await storedCard();

    expect(json).toEqual({
      customerProfileId: expect.stringMatching(/^\d{10}$/),
      customerPaymentProfileIdList: [expect.stringMatching(/^\d{10}$/)],
      customerShippingAddressIdList: [],
      validationDirectResponseList: [],
      messages: OK,
    });
    expect(emulator.profiles()).toEqual([
      {
        customerProfileId: json.customerProfileId,
        merchantCustomerId: 'M-1',
        description: 'Membership mem_1',
        paymentProfiles: [
          {
            customerPaymentProfileId: json.customerPaymentProfileIdList[0],
            testCard: 'tok_visa_test',
            outcome: 'approve',
            accountNumber: 'XXXX1111',
            accountType: 'Visa',
            sourceTransId: transId,
          },
        ],
        shippingAddressIds: [],
        createdAt: '2025-03-10T12:00:00.000Z',
      },
    ]);
  });

  it('a stored card pays again and again, while the token it came from is spent', async () => {
    const { customerProfileId, paymentProfileId } = await storedCard();
    for (const [amount, id] of [['47.00', 'R-1'], ['47.00', 'R-2'], ['97.00', 'R-3']]) {
      const { json } = await chargeProfile(emulator.url, customerProfileId, paymentProfileId, amount, invoice(id));
      expect(json.transactionResponse).toMatchObject({ responseCode: '1', accountNumber: 'XXXX1111', accountType: 'Visa' });
    }
    expect((await charge(emulator.url, 'tok_visa_test', '47.00', invoice('R-4'))).json.messages.message[0].code).toBe('E00114');

    const renewals = emulator.transactions().slice(1);
    expect(renewals.map((t) => [t.invoiceNumber, t.status, t.customerProfileId, t.customerPaymentProfileId, t.token])).toEqual([
      ['R-1', 'capturedPendingSettlement', customerProfileId, paymentProfileId, undefined],
      ['R-2', 'capturedPendingSettlement', customerProfileId, paymentProfileId, undefined],
      ['R-3', 'capturedPendingSettlement', customerProfileId, paymentProfileId, undefined],
    ]);
    const { json: details } = await transactionDetails(emulator.url, renewals[0].transId);
    expect(details.transaction.profile).toEqual({ customerProfileId, customerPaymentProfileId: paymentProfileId });
  });

  it('charges the default card when no payment profile is named', async () => {
    const { customerProfileId, paymentProfileId } = await storedCard();
    const { json } = await chargeProfile(emulator.url, customerProfileId, undefined, '47.00');
    expect(json.transactionResponse.responseCode).toBe('1');
    expect(emulator.transactions().at(-1)?.customerPaymentProfileId).toBe(paymentProfileId);
  });

  it('a profile charge follows the duplicate window and the settlement rules of any charge', async () => {
    const { customerProfileId, paymentProfileId } = await storedCard();
    const window = { transactionSettings: { setting: [{ settingName: 'duplicateWindow', settingValue: '28800' }] } };
    const first = await chargeProfile(emulator.url, customerProfileId, paymentProfileId, '47.00', { ...invoice('R-1'), ...window });
    const again = await chargeProfile(emulator.url, customerProfileId, paymentProfileId, '47.00', { ...invoice('R-1'), ...window });
    expect(again.json.transactionResponse).toMatchObject({ responseCode: '3', transId: first.json.transactionResponse.transId, errors: [{ errorCode: '11' }] });

    const voided = await chargeProfile(emulator.url, customerProfileId, paymentProfileId, '10.00', invoice('R-2'));
    expect((await voidCharge(emulator.url, voided.json.transactionResponse.transId)).json.transactionResponse.responseCode).toBe('1');
    clock.advanceSeconds(24 * 3600);
    const refunded = await refund(emulator.url, first.json.transactionResponse.transId, '47.00', '1111');
    expect(refunded.json.transactionResponse.responseCode).toBe('1');
  });

  it.each<[string, (ids: { customerProfileId: string; paymentProfileId: string }) => Record<string, unknown>, Json]>([
    ['an unknown profile', () => ({ profile: { customerProfileId: '1999999999', paymentProfile: { paymentProfileId: '1' } } }), NOT_FOUND],
    ['an unknown payment profile', (ids) => ({ profile: { customerProfileId: ids.customerProfileId, paymentProfile: { paymentProfileId: '1' } } }), NOT_FOUND],
    [
      'a profile and payment data at once',
      (ids) => ({
        payment: { opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: 'tok_visa_test_2' } },
        profile: { customerProfileId: ids.customerProfileId, paymentProfile: { paymentProfileId: ids.paymentProfileId } },
      }),
      error('E00090', 'PaymentProfile cannot be sent with payment data.'),
    ],
  ])('refuses a charge of %s before any transaction exists', async (_label, fields, messages) => {
    const ids = await storedCard();
    const { json } = await callApi(emulator.url, 'createTransactionRequest', {
      transactionRequest: { transactionType: 'authCaptureTransaction', amount: '47.00', ...fields(ids) },
    });
    expect(json).toEqual({ messages });
    expect(emulator.transactions()).toHaveLength(1);
  });

  it('declineProfile makes the stored card decline from then on; POST /emulator/profiles/:id/decline does the same', async () => {
    const alice = await storedCard('tok_visa_test_a', 'M-A');
    const bob = await storedCard('tok_visa_test_b', 'M-B');
    expect(emulator.declineProfile(alice.customerProfileId)).toBe(true);
    expect(emulator.declineProfile('1999999999')).toBe(false);
    const response = await fetch(`${emulator.url}/emulator/profiles/${bob.customerProfileId}/decline`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect((await fetch(`${emulator.url}/emulator/profiles/1999999999/decline`, { method: 'POST' })).status).toBe(404);

    for (const { customerProfileId, paymentProfileId } of [alice, bob]) {
      const { json } = await chargeProfile(emulator.url, customerProfileId, paymentProfileId, '47.00', invoice(`R-${customerProfileId}`));
      expect(json.transactionResponse).toMatchObject({ responseCode: '2', errors: [{ errorCode: '2', errorText: 'This transaction has been declined.' }] });
    }
    expect(emulator.transactions().slice(2).map((t) => t.status)).toEqual(['declined', 'declined']);
    const listed = (await (await fetch(`${emulator.url}/emulator/profiles`)).json()) as Json;
    expect(listed.profiles.map((p: Json) => p.paymentProfiles[0].outcome)).toEqual(['decline', 'decline']);
  });

  it('adds the card to an existing profile when given its customerProfileId', async () => {
    const first = await storedCard();
    const { json: charged } = await charge(emulator.url, 'tok_visa_test_2', '10.00');
    const { json } = await profileFromTransaction(emulator.url, charged.transactionResponse.transId, { customerProfileId: first.customerProfileId });
    expect(json).toMatchObject({ customerProfileId: first.customerProfileId, customerPaymentProfileIdList: [expect.not.stringMatching(first.paymentProfileId)], messages: OK });
    expect(emulator.profiles()[0].paymentProfiles).toHaveLength(2);
  });

  it.each<[string, (t: Record<string, string>) => [string, Record<string, unknown>?], Json]>([
    ['no transId', () => [''], error('E00014', 'A required field is not present.')],
    ['an unknown transaction', () => ['60999999999'], NOT_FOUND],
    ['a refund', (t) => [t.refund], error('E00100', 'Customer profile creation failed. This transaction type does not support profile creation.')],
    ['a declined charge', (t) => [t.declined], error('E00099', 'Customer profile creation failed. This transaction ID is invalid.')],
    ['a charge held for review', (t) => [t.held], error('E00099', 'Customer profile creation failed. This transaction ID is invalid.')],
    ['a voided charge', (t) => [t.voided], error('E00099', 'Customer profile creation failed. This transaction ID is invalid.')],
    ['no customer data and no profile id', (t) => [t.approved, {}], error('E00102', 'Customer Info is missing.')],
    [
      'customer data and a profile id at once',
      (t) => [t.approved, { customer: { merchantCustomerId: 'X' }, customerProfileId: '1500000000' }],
      error('E00108', 'CustomerProfileId cannot be sent with customer data.'),
    ],
    ['a merchantCustomerId over 20 characters', (t) => [t.approved, { customer: { merchantCustomerId: 'M'.repeat(21) } }], error('E00015', 'The field length is invalid.')],
    ['an unknown profile id', (t) => [t.approved, { customerProfileId: '1999999999' }], NOT_FOUND],
  ])('refuses to make a profile from %s', async (_label, request, messages) => {
    // Each under its own invoice: the same test card, amount and invoice within two minutes would be a duplicate.
    const transIdOf = async (token: string) => (await charge(emulator.url, token, '47.00', invoice(token))).json.transactionResponse.transId as string;
    const settled = await transIdOf('tok_visa_test_settled');
    clock.advanceSeconds(24 * 3600);
    const refundId = (await refund(emulator.url, settled, '5.00')).json.transactionResponse.transId as string;
    const voided = await transIdOf('tok_visa_test_voided');
    await voidCharge(emulator.url, voided);
    const ids = { approved: await transIdOf('tok_visa_test'), declined: await transIdOf('tok_declined'), held: await transIdOf('tok_review'), voided, refund: refundId };
    const [transId, fields] = request(ids);

    const { json } = await profileFromTransaction(emulator.url, transId, fields);
    expect(json).toEqual({ messages });
    expect(emulator.profiles()).toEqual([]);
  });

  it('refuses a second profile with the same merchantCustomerId, description and email, naming the first (E00039)', async () => {
    const first = await storedCard('tok_visa_test_1', 'M-1');
    const { json: charged } = await charge(emulator.url, 'tok_visa_test_2', '10.00');
    const { json } = await profileFromTransaction(emulator.url, charged.transactionResponse.transId, {
      customer: { merchantCustomerId: 'M-1', description: 'Membership mem_1' },
    });
    expect(json).toEqual({ messages: error('E00039', `A duplicate record with ID ${first.customerProfileId} already exists.`) });
    expect(emulator.profiles()).toHaveLength(1);
  });
});

describe('Authorize.Net emulator customer profile reads, deletes and token-made profiles', () => {
  let emulator: AuthorizeNetEmulator;
  beforeEach(async () => {
    ({ emulator } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  const opaque = (dataValue: string) => ({ opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue } });
  const profileWithToken = (token: string, validationMode = 'liveMode', identity: Record<string, string> = { merchantCustomerId: 'M-9' }) =>
    callApi(emulator.url, 'createCustomerProfileRequest', {
      profile: { ...identity, paymentProfiles: { customerType: 'individual', payment: opaque(token) } },
      validationMode,
    });

  async function storedCard() {
    const { json: charged } = await charge(emulator.url, 'tok_visa_test', '47.00');
    const { json } = await profileFromTransaction(emulator.url, charged.transactionResponse.transId);
    return { customerProfileId: json.customerProfileId as string, paymentProfileId: json.customerPaymentProfileIdList[0] as string };
  }

  it('getCustomerProfileRequest shows the profile with its card masked, by customerProfileId or merchantCustomerId', async () => {
    const { customerProfileId, paymentProfileId } = await storedCard();
    const expected = {
      profile: {
        paymentProfiles: [
          {
            defaultPaymentProfile: true,
            customerPaymentProfileId: paymentProfileId,
            payment: { creditCard: { cardNumber: 'XXXX1111', expirationDate: 'XXXX', cardType: 'Visa' } },
          },
        ],
        profileType: 'regular',
        customerProfileId,
        merchantCustomerId: 'M-1',
        description: 'Membership',
      },
      messages: OK,
    };
    expect((await callApi(emulator.url, 'getCustomerProfileRequest', { customerProfileId })).json).toEqual(expected);
    expect((await callApi(emulator.url, 'getCustomerProfileRequest', { merchantCustomerId: 'M-1' })).json).toEqual(expected);
    expect((await callApi(emulator.url, 'getCustomerProfileRequest', { customerProfileId: '1999999999' })).json).toEqual({ messages: NOT_FOUND });
    expect((await callApi(emulator.url, 'getCustomerProfileRequest', {})).json.messages.message[0].code).toBe('E00014');
  });

  it('deleteCustomerProfileRequest forgets the profile: its cards can no longer be charged, and a second delete finds nothing', async () => {
    const { customerProfileId, paymentProfileId } = await storedCard();
    expect((await callApi(emulator.url, 'deleteCustomerProfileRequest', { customerProfileId })).json).toEqual({ messages: OK });
    expect(emulator.profiles()).toEqual([]);
    expect((await chargeProfile(emulator.url, customerProfileId, paymentProfileId, '47.00')).json).toEqual({ messages: NOT_FOUND });
    expect((await callApi(emulator.url, 'deleteCustomerProfileRequest', { customerProfileId })).json).toEqual({ messages: NOT_FOUND });
    expect((await callApi(emulator.url, 'deleteCustomerProfileRequest', { refId: 'r1' })).json).toEqual({ refId: 'r1', messages: error('E00014', 'A required field is not present.') });
    // The charge that made it keeps its record.
    expect(emulator.transactions()).toHaveLength(1);
  });

  it('createCustomerProfileRequest stores a token after a liveMode validation that charges nothing', async () => {
    const { json } = await profileWithToken('tok_visa_test');
    expect(json).toMatchObject({
      customerProfileId: expect.stringMatching(/^\d{10}$/),
      customerPaymentProfileIdList: [expect.stringMatching(/^\d{10}$/)],
      customerShippingAddressIdList: [],
      messages: OK,
    });
    const fields = json.validationDirectResponseList[0].split(',');
    expect([fields[0], fields[2], fields[3], fields[9], fields[10], fields[11], fields[50], fields[51]]).toEqual([
      '1',
      '1',
      'This transaction has been approved.',
      '0.00',
      'CC',
      'auth_only',
      'XXXX1111',
      'Visa',
    ]);
    expect(emulator.transactions()).toEqual([]);
    expect(emulator.profiles()[0].paymentProfiles[0]).toMatchObject({ testCard: 'tok_visa_test', outcome: 'approve' });
    expect((await chargeProfile(emulator.url, json.customerProfileId, undefined, '47.00')).json.transactionResponse.responseCode).toBe('1');
  });

  it('a card that fails validation makes no profile, and its token is spent', async () => {
    const { json } = await profileWithToken('tok_declined');
    expect(json.messages).toEqual(error('E00027', 'The transaction was unsuccessful.'));
    expect(json.validationDirectResponseList[0]).toMatch(/^2,1,2,This transaction has been declined\.,/);
    expect(json.customerProfileId).toBeUndefined();
    expect(emulator.profiles()).toEqual([]);
    expect((await profileWithToken('tok_declined')).json.messages).toEqual(error('E00114', 'Invalid OTS Token.'));
  });

  it.each<[string, () => Promise<{ json: Json }>, Json]>([
    ['a token without liveMode validation', () => profileWithToken('tok_visa_test', 'testMode'), error('E00141', 'Payment Profile creation with this OpaqueData descriptor requires transactionMode to be set to liveMode.')],
    ['no identifying field', () => profileWithToken('tok_visa_test', 'liveMode', {}), error('E00041', 'One or more fields in the profile must contain a value.')],
    ['an unknown token', () => profileWithToken('tok_nonsense'), error('E00114', 'Invalid OTS Token.')],
    [
      'a card number',
      () =>
        callApi(emulator.url, 'createCustomerProfileRequest', {
          profile: { merchantCustomerId: 'M-9', paymentProfiles: { payment: { creditCard: { cardNumber: '4111111111111111', expirationDate: '2030-12' } } } },
          validationMode: 'liveMode',
        }),
      error('E00013', 'The field is invalid.'),
    ],
  ])('refuses %s', async (_label, request, messages) => {
    const { json, raw } = (await request()) as { json: Json; raw: string };
    expect(json).toEqual({ messages });
    expect(raw).not.toContain('4111111111111111');
    expect(emulator.profiles()).toEqual([]);
  });

  it('a resubmission after a lost answer is refused as a duplicate naming the profile the first one made', async () => {
    const { json: first } = await profileWithToken('tok_visa_test');
    const { json: again } = await profileWithToken('tok_visa_test');
    expect(again).toEqual({ messages: error('E00039', `A duplicate record with ID ${first.customerProfileId} already exists.`) });
  });
});
