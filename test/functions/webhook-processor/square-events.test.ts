import { checkRollup } from '@shared/sales-rollup';
import { setRuntime } from '@shared/runtime';
import { pubSubCloudEvent } from '@shared/events';
import { webhookEvents } from '@shared/warehouse/schema/webhooks';
import { queryDashboardTotals } from '../../../functions/dashboard/dashboard-query';
import { webhooksHandler } from '../../../functions/webhooks/handler';
import { onWebhookEvent } from '../../../functions/webhook-processor/handler';
import { squareFixture, syncAll } from '../sync/square-fixture';
import { call, serve } from '../../support/http';
import { tokenFor } from '../../support/runtime';
import { NOTIFICATION_URL, WEBHOOK_KEYS, deliver, signed, squareEvent } from '../../support/webhooks';

type Fixture = Awaited<ReturnType<typeof squareFixture>>;

describe('the webhook processor on Square events, against the Square emulator', () => {
  let fx: Fixture;
  let url: string;
  let closeServer: () => Promise<void>;

  beforeAll(async () => {
    fx = await squareFixture({
      payments: 400,
      env: { SQUARE_WEBHOOK_NOTIFICATION_URL: NOTIFICATION_URL, BUS_MAX_DELIVERY_ATTEMPTS: '3', SYNC_MAX_ATTEMPTS: '1' },
      secrets: WEBHOOK_KEYS,
    });
    await fx.rt.warehouse.ensureSchema();
    setRuntime(fx.rt);
    fx.rt.bus.subscribe('webhook-events', (m) => onWebhookEvent(pubSubCloudEvent(m, fx.rt.config.GCP_PROJECT_ID)));
    const server = await serve(webhooksHandler);
    url = server.url;
    closeServer = server.close;
    await syncAll(fx.rt);
  }, 120_000);
  afterAll(async () => {
    await fx.rt.bus.drain();
    await closeServer();
    await fx.close();
    setRuntime(undefined);
  });

  const now = () => fx.rt.clock.now().getTime();
  const totals = () => queryDashboardTotals(fx.rt.warehouse, { now: fx.rt.clock.now(), timeZone: fx.rt.config.BUSINESS_TIMEZONE });
  const send = async (body: Record<string, unknown>) => {
    const res = await deliver(url, 'square', signed('square', body, now()));
    expect(res.status).toBe(200);
    await fx.rt.bus.drain();
    return res.body;
  };
  const paymentRow = async (id: string) =>
    (await fx.rt.warehouse.query((d) => `SELECT id, status, amount_cents, refunded_cents, updated_at FROM ${d.table('commerce.square_payments')} WHERE id = $id`, { params: { id } }))[0];
  const record = async (eventId: string) =>
    (await fx.rt.warehouse.query<{ status: string; attempts: number; last_error: string | null }>(
      (d) => `SELECT status, attempts, last_error FROM ${d.table(webhookEvents)} WHERE event_id = $id`,
      { params: { id: eventId } },
    ))[0];

  it('a refund event moves the net figures after one processing, and a later sync changes nothing', async () => {
    const before = await totals();
    const change = fx.emulator.mutate({ addRefunds: 1 });
    fx.rt.clock.set(fx.emulator.now());
    const refund = fx.emulator.store.refunds.get(change.refundsAdded[0])!;
    const paymentId = change.paymentsRefunded[0];
    await send(squareEvent('refund.created', 'evt-refund-1', { refund }, { type: 'refund', id: refund.id }));
    await send(squareEvent('payment.updated', 'evt-refund-1-payment', { payment: fx.emulator.store.payments.get(paymentId) }, { type: 'payment', id: paymentId }));
    const afterWebhook = await totals();
    expect(await record('evt-refund-1')).toMatchObject({ status: 'processed', attempts: 1 });
    expect(afterWebhook).not.toEqual(before);
    expect(afterWebhook.netCents).toBe(before.netCents - refund.amount_money.amount);
    expect(afterWebhook.todayCents).toBe(before.todayCents - refund.amount_money.amount);
    // The daily rollup moved with the rows, in the same write.
    expect(await checkRollup(fx.rt.warehouse, fx.rt.config.BUSINESS_TIMEZONE)).toEqual([]);
    await syncAll(fx.rt);
    expect(await totals()).toEqual(afterWebhook);
    expect(await checkRollup(fx.rt.warehouse, fx.rt.config.BUSINESS_TIMEZONE)).toEqual([]);
  }, 60_000);

  it('an older payment.updated after a newer one changes nothing', async () => {
    const [payment] = [...fx.emulator.store.payments.values()].filter((p) => p.status === 'COMPLETED');
    const newer = { ...payment, updated_at: new Date(now() + 60_000).toISOString(), amount_money: { amount: 777, currency: 'USD' }, total_money: { amount: 777, currency: 'USD' } };
    const older = { ...payment, updated_at: new Date(now() - 60_000).toISOString(), amount_money: { amount: 111, currency: 'USD' }, total_money: { amount: 111, currency: 'USD' } };
    await send(squareEvent('payment.updated', 'evt-newer', { payment: newer }, { type: 'payment', id: payment.id }));
    await send(squareEvent('payment.updated', 'evt-older', { payment: older }, { type: 'payment', id: payment.id }));
    expect(await paymentRow(payment.id)).toMatchObject({ amount_cents: 777, updated_at: newer.updated_at });
    expect(await record('evt-older')).toMatchObject({ status: 'processed' });
  });

  it('a partial payload is read whole through the connector', async () => {
    const [payment] = [...fx.emulator.store.payments.values()].slice(-1);
    await send(squareEvent('payment.updated', 'evt-partial', { payment: { id: payment.id } }, { type: 'payment', id: payment.id }));
    expect(await paymentRow(payment.id)).toMatchObject({ id: payment.id, amount_cents: payment.amount_money.amount, status: payment.status });
  });

  it('fails three times into the dead letter, then a replay succeeds and the warehouse is level with Square', async () => {
    const change = fx.emulator.mutate({ changePaymentStatuses: 1 });
    const { id } = change.paymentStatusChanges[0];
    fx.emulator.setFaults({ serverErrorRate: 1 });
    await send(squareEvent('payment.updated', 'evt-dead', { payment: { id } }, { type: 'payment', id }));
    expect(await record('evt-dead')).toMatchObject({ status: 'dead', attempts: 3, last_error: expect.any(String) });
    expect(fx.rt.bus.deadLetters.map((d) => d.topic)).toEqual(['webhook-events-dead-letter']);

    fx.emulator.setFaults({ serverErrorRate: 0 });
    const token = await tokenFor(fx.rt, 'ops-1', 'admin');
    const replay = await call(`${url}/api/webhooks/retry`, { method: 'POST', token, json: { status: 'dead' } });
    expect(replay).toMatchObject({ status: 202, body: { replayed: [expect.stringMatching(/^whe_/)] } });
    await fx.rt.bus.drain();
    expect(await record('evt-dead')).toMatchObject({ status: 'processed', attempts: 4, last_error: null });
    const truth = fx.emulator.store.payments.get(id)!;
    expect(await paymentRow(id)).toMatchObject({ status: truth.status, updated_at: new Date(truth.updated_at).toISOString() });
  }, 60_000);

  it('inventory counts land in commerce.square_inventory, the newest calculated_at winning', async () => {
    const count = (quantity: string, at: string) => ({ catalog_object_id: 'V1', catalog_object_type: 'ITEM_VARIATION', state: 'IN_STOCK', location_id: 'L1', quantity, calculated_at: at });
    await send(squareEvent('inventory.count.updated', 'evt-inv-2', { inventory_counts: [count('7', '2026-03-15T17:05:00Z')] }, { type: 'inventory', id: 'x' }));
    await send(squareEvent('inventory.count.updated', 'evt-inv-1', { inventory_counts: [count('9', '2026-03-15T17:01:00Z')] }, { type: 'inventory', id: 'y' }));
    const rows = await fx.rt.warehouse.query((d) => `SELECT catalog_object_id, location_id, state, quantity FROM ${d.table('commerce.square_inventory')}`);
    expect(rows).toEqual([{ catalog_object_id: 'V1', location_id: 'L1', state: 'IN_STOCK', quantity: 7 }]);
  });

  it('catalog.version.updated asks for a catalog sync', async () => {
    await send(squareEvent('catalog.version.updated', 'evt-cat', { catalog_version: { updated_at: '2026-03-15T17:00:00Z' } }, { type: 'catalog', id: 'c' }));
    expect(fx.rt.bus.published.filter((m) => m.topic === 'sync-requests').map((m) => m.data)).toContainEqual(
      expect.objectContaining({ source: 'square', stream: 'items', mode: 'incremental', requestedBy: 'webhook:evt-cat' }),
    );
  });
});
