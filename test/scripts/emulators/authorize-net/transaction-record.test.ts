import type { AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { charge, type Json, startEmulatorOnManualClock } from './api-client';

describe('Authorize.Net emulator transaction record', () => {
  let emulator: AuthorizeNetEmulator;
  beforeEach(async () => {
    ({ emulator } = await startEmulatorOnManualClock());
  });
  afterEach(() => emulator.close());

  it.each([
    ['47', 4700],
    ['47.5', 4750],
    ['0.29', 29],
    ['1234.56', 123456],
    [19.99, 1999],
  ])('records amount %p as %d cents exactly', async (amount, cents) => {
    await charge(emulator.url, 'tok_visa_test', amount);

    expect(emulator.transactions()[0].amountCents).toBe(cents);
  });

  it('serves the same record as JSON at GET /emulator/transactions', async () => {
    await charge(emulator.url, 'tok_visa_test', '47.00', { order: { invoiceNumber: 'A' } });
    await charge(emulator.url, 'tok_declined', '97.00', { order: { invoiceNumber: 'B' } });

    const response = await fetch(`${emulator.url}/emulator/transactions`);
    const body = (await response.json()) as Json;

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.transactions).toEqual(emulator.transactions());
    expect(body.transactions.map((t: Json) => [t.invoiceNumber, t.status])).toEqual([
      ['A', 'capturedPendingSettlement'],
      ['B', 'declined'],
    ]);
    expect(body.transactions[0]).toEqual({
      transId: expect.stringMatching(/^\d{11}$/),
      type: 'authCaptureTransaction',
      amountCents: 4700,
      status: 'capturedPendingSettlement',
      responseCode: '1',
      reasonCode: '1',
      authCode: expect.stringMatching(/^[A-Z0-9]{6}$/),
      token: 'tok_visa_test',
      testCard: 'tok_visa_test',
      invoiceNumber: 'A',
      accountNumber: 'XXXX1111',
      accountType: 'Visa',
      createdAt: '2025-03-10T12:00:00.000Z',
    });
  });

  it('hands out copies, so a caller cannot change what the emulator remembers', async () => {
    await charge(emulator.url, 'tok_visa_test', '47.00');

    emulator.transactions()[0].status = 'voided';

    expect(emulator.transactions()[0].status).toBe('capturedPendingSettlement');
  });

  it('settles everything pending on settle() and on POST /emulator/settle', async () => {
    await charge(emulator.url, 'tok_visa_test_1', '47.00');
    emulator.settle();
    await charge(emulator.url, 'tok_visa_test_2', '97.00');
    const response = await fetch(`${emulator.url}/emulator/settle`, { method: 'POST' });

    expect(await response.json()).toEqual({ settled: 1 });
    expect(emulator.transactions().map((t) => t.status)).toEqual(['settledSuccessfully', 'settledSuccessfully']);
  });
});
