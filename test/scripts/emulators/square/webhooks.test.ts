import { webhookEvents } from '@shared/warehouse/schema/webhooks';
import { startSquareEmulator, type SquareEmulator } from '../../../../scripts/emulators/square';
import { WEBHOOK_KEYS, startWebhookStack } from '../../../support/webhooks';

describe('the Square emulator sends signed webhooks for the changes it makes', () => {
  let stack: Awaited<ReturnType<typeof startWebhookStack>>;
  let emulator: SquareEmulator;

  beforeAll(async () => {
    stack = await startWebhookStack({}, { ownUrlAsNotificationUrl: true });
    emulator = await startSquareEmulator({
      payments: 300, items: 20, customers: 30, days: 60, seed: 3,
      webhooks: { notificationUrl: stack.rt.config.SQUARE_WEBHOOK_NOTIFICATION_URL!, signatureKey: WEBHOOK_KEYS.SQUARE_WEBHOOK_SIGNATURE_KEY, firstRetryMs: 20 },
    });
    // The processor reads partial objects from this emulator.
  });
  afterAll(async () => {
    await emulator.close();
    await stack.close();
  });

  const stored = () => stack.rt.warehouse.query<{ event_type: string; status: string }>((d) => `SELECT event_type, status FROM ${d.table(webhookEvents)} ORDER BY event_type`);

  it('delivers one event per changed object, which the local server verifies, stores and processes', async () => {
    const summary = emulator.mutate({ addPayments: 2, addRefunds: 1, addCustomers: 1, updateItems: 1 });
    await emulator.webhooksSettled();
    await stack.rt.bus.drain();
    const types = (await stored()).map((r) => r.event_type);
    expect(types.filter((t) => t === 'payment.created')).toHaveLength(summary.paymentsAdded.length);
    expect(types.filter((t) => t === 'refund.created')).toHaveLength(summary.refundsAdded.length);
    expect(types.filter((t) => t === 'customer.created')).toHaveLength(1);
    expect(types).toContain('catalog.version.updated');
    expect(emulator.webhookStats()).toMatchObject({ abandoned: 0, delivered: types.length });
    const payments = await stack.rt.warehouse.query<{ id: string }>((d) => `SELECT id FROM ${d.table('commerce.square_payments')}`);
    expect(payments.map((p) => p.id).sort()).toEqual(expect.arrayContaining(summary.paymentsAdded));
  });

  it('retries a delivery the server does not take (a rotated key at the receiver), and delivers once it does', async () => {
    const before = emulator.webhookStats()!.delivered;
    await stack.rt.secrets.put('square-webhook-signature-key', 'another-key');
    emulator.mutate({ addPayments: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.webhookStats()!.retried).toBeGreaterThan(0);
    // The rotation completes: both keys active at the receiver.
    await stack.rt.secrets.put('square-webhook-signature-key', `another-key ${WEBHOOK_KEYS.SQUARE_WEBHOOK_SIGNATURE_KEY}`);
    await emulator.webhooksSettled();
    expect(emulator.webhookStats()).toMatchObject({ delivered: before + 1, abandoned: 0 });
  });
});
