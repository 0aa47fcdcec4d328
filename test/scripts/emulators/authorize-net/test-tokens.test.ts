import { startAuthorizeNetEmulator, type AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { charge } from './api-client';

describe('Authorize.Net emulator test tokens', () => {
  let emulator: AuthorizeNetEmulator;
  beforeEach(async () => {
    emulator = await startAuthorizeNetEmulator({ timeoutMs: 200 });
  });
  afterEach(() => emulator.close());

  it.each([
    {
      token: 'tok_visa_test',
      responseCode: '1',
      resultCode: 'Ok',
      verdict: { messages: [{ code: '1', description: 'This transaction has been approved.' }] },
      status: 'capturedPendingSettlement',
    },
    {
      token: 'tok_declined',
      responseCode: '2',
      // A decline is a successful API call: only responseCode tells it apart from an approval.
      resultCode: 'Ok',
      verdict: { errors: [{ errorCode: '2', errorText: 'This transaction has been declined.' }] },
      status: 'declined',
    },
    {
      token: 'tok_error',
      responseCode: '3',
      resultCode: 'Error',
      verdict: { errors: [{ errorCode: '19', errorText: 'An error occurred during processing.  Please try again.' }] },
      status: 'generalError',
    },
    {
      token: 'tok_review',
      responseCode: '4',
      resultCode: 'Ok',
      verdict: {
        messages: [{ code: '252', description: 'Your order has been received. Thank you for your business!' }],
      },
      status: 'FDSPendingReview',
    },
  ])('$token answers responseCode $responseCode ($status)', async (expected) => {
    const { token, responseCode, resultCode, verdict, status } = expected;
    const { json } = await charge(emulator.url, token, '47.00', { order: { invoiceNumber: `INV-${token}` } });
    const response = json.transactionResponse;

    expect(response).toMatchObject({ responseCode, accountNumber: 'XXXX1111', accountType: 'Visa', ...verdict });
    expect(response.transId).toMatch(/^[1-9]\d{10}$/);
    expect(json.messages.resultCode).toBe(resultCode);
    expect(json.messages.message[0].code).toBe(resultCode === 'Ok' ? 'I00001' : 'E00027');
    expect(emulator.transactions()).toEqual([
      expect.objectContaining({
        transId: response.transId,
        status,
        amountCents: 4700,
        token,
        invoiceNumber: `INV-${token}`,
      }),
    ]);
  });

  it('gives an approval a six-character auth code and a declined or held charge none', async () => {
    const approved = await charge(emulator.url, 'tok_visa_test', 10);
    const declined = await charge(emulator.url, 'tok_declined', 10);
    const held = await charge(emulator.url, 'tok_review', 10);

    expect(approved.json.transactionResponse.authCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(declined.json.transactionResponse.authCode).toBe('');
    expect(held.json.transactionResponse.authCode).toBe('');
  });

  it('refuses an unknown token as undecryptable payment data without creating a transaction', async () => {
    const { json } = await charge(emulator.url, 'tok_made_up', '47.00');

    expect(json.transactionResponse).toMatchObject({
      responseCode: '3',
      transId: '0',
      errors: [{ errorCode: '153', errorText: 'There was an error processing the payment data.' }],
    });
    expect(json.messages.resultCode).toBe('Error');
    expect(emulator.transactions()).toEqual([]);
  });

  it.each(['0', '-5', '1.234', 'ten', ''])('refuses amount "%s" with error 5', async (amount) => {
    const { json } = await charge(emulator.url, 'tok_visa_test', amount);

    expect(json.transactionResponse.errors).toEqual([{ errorCode: '5', errorText: 'A valid amount is required.' }]);
    expect(emulator.transactions()).toEqual([]);
  });

  it('tok_timeout keeps the caller waiting timeoutMs, then approves', async () => {
    const started = Date.now();
    const { json } = await charge(emulator.url, 'tok_timeout', '97.00');

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(json.transactionResponse.responseCode).toBe('1');
  });

  it('tok_timeout leaves an approved charge behind when the caller gives up, which a retry then finds', async () => {
    const invoice = { order: { invoiceNumber: 'M-42' } };
    await expect(
      charge(emulator.url, 'tok_timeout', '97.00', invoice, { signal: AbortSignal.timeout(30) }),
    ).rejects.toThrow();

    const [orphan] = emulator.transactions();
    expect(orphan).toMatchObject({ status: 'capturedPendingSettlement', amountCents: 9700, token: 'tok_timeout' });

    // Retrying the same charge is a duplicate; asking for the window explicitly names the charge to reconcile.
    const retry = await charge(emulator.url, 'tok_timeout', '97.00', {
      ...invoice,
      transactionSettings: { setting: [{ settingName: 'duplicateWindow', settingValue: '120' }] },
    });
    expect(retry.json.transactionResponse).toMatchObject({
      responseCode: '3',
      transId: orphan.transId,
      errors: [{ errorCode: '11', errorText: 'A duplicate transaction has been submitted.' }],
    });
    expect(emulator.transactions()).toHaveLength(1);
  });
});
