import { webhookEvents } from '@shared/warehouse/schema/webhooks';
import { openPayload } from '@shared/webhooks/ledger';
import { squareWebhooks } from '@shared/sources/square/webhooks';
import { deliver, signed, squareEvent, startWebhookStack } from '../../support/webhooks';

type Stack = Awaited<ReturnType<typeof startWebhookStack>>;

const payment = (id: string, updatedAt: string, status = 'COMPLETED', amount = 1250) => ({
  payment: {
    id, location_id: 'L1', status, source_type: 'CARD', created_at: '2026-03-15T16:00:00Z', updated_at: updatedAt,
    amount_money: { amount, currency: 'USD' }, total_money: { amount, currency: 'USD' },
  },
});

describe('POST /api/webhooks/:provider', () => {
  let stack: Stack;
  const now = () => stack.rt.clock.now().getTime();
  const records = async () => stack.rt.warehouse.query<{ id: string; status: string; attempts: number; event_type: string; payload_sealed: string }>(
    (d) => `SELECT id, status, attempts, event_type, payload_sealed FROM ${d.table(webhookEvents)} ORDER BY id`,
  );
  const published = () => stack.rt.bus.published.filter((m) => m.topic === 'webhook-events');

  beforeEach(async () => {
    stack = await startWebhookStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('stores a verified delivery once, sealed, queues it and answers 200; the processor applies it', async () => {
    const body = squareEvent('payment.created', 'evt-1', payment('P1', '2026-03-15T16:00:00Z'), { type: 'payment', id: 'P1' });
    const res = await deliver(stack.url, 'square', signed('square', body, now()));
    expect(res).toMatchObject({ status: 200, body: { success: true, received: true, duplicate: false, eventId: 'evt-1', eventType: 'payment.created' } });
    await stack.rt.bus.drain();
    const [record] = await records();
    expect(record).toMatchObject({ status: 'processed', attempts: 1, event_type: 'payment.created' });
    // Sealed: not the body, but the body once opened with the key ring.
    expect(record.payload_sealed).not.toContain('"payment"');
    expect(await openPayload(stack.rt, record)).toBe(JSON.stringify(body));
    const rows = await stack.rt.warehouse.query((d) => `SELECT id, amount_cents, status FROM ${d.table('commerce.square_payments')}`);
    expect(rows).toEqual([{ id: 'P1', amount_cents: 1250, status: 'COMPLETED' }]);
  });

  it('ten deliveries of one event: one record, one publication, one processing; each answered 200', async () => {
    const delivery = signed('square', squareEvent('payment.updated', 'evt-10', payment('P10', '2026-03-15T16:30:00Z'), { type: 'payment', id: 'P10' }), now());
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(stack.url, 'square', delivery)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    await stack.rt.bus.drain();
    for (const again of [await deliver(stack.url, 'square', delivery)]) expect(again.body.duplicate).toBe(true);
    await stack.rt.bus.drain();
    expect(await records()).toEqual([expect.objectContaining({ status: 'processed', attempts: 1 })]);
    expect(published()).toHaveLength(1);
    expect(stack.rt.logs.filter((l) => l.message === 'webhook event processed')).toHaveLength(1);
  });

  it('1,000 concurrent deliveries of 100 distinct events: exactly 100 records and 100 processings', async () => {
    const deliveries = Array.from({ length: 100 }, (_, i) =>
      signed('square', squareEvent('payment.updated', `evt-c${i}`, payment(`PC${i}`, '2026-03-15T16:30:00Z'), { type: 'payment', id: `PC${i}` }), now()),
    );
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => deliver(stack.url, 'square', deliveries[i % 100])));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(100);
    await stack.rt.bus.drain();
    const stored = await records();
    expect(stored).toHaveLength(100);
    expect(stored.every((r) => r.status === 'processed' && r.attempts === 1)).toBe(true);
    expect(stack.rt.logs.filter((l) => l.message === 'webhook event processed')).toHaveLength(100);
    const [{ n }] = await stack.rt.warehouse.query<{ n: number }>((d) => `SELECT COUNT(*) AS n FROM ${d.table('commerce.square_payments')}`);
    expect(Number(n)).toBe(100);
  }, 60_000);

  describe('refusals store and queue nothing', () => {
    const body = () => squareEvent('payment.created', 'evt-bad', payment('PB', '2026-03-15T16:00:00Z'), { type: 'payment', id: 'PB' });
    it.each([
      ['a changed byte', (d: ReturnType<typeof signed>) => ({ ...d, body: d.body.replace('1250', '1251') }), 401, 'INVALID_SIGNATURE'],
      ['a wrong key', (d: ReturnType<typeof signed>) => ({ ...d, headers: { ...d.headers, ...squareWebhooks.sign({ body: d.body, key: 'wrong', nowMs: 0, notificationUrl: 'https://shop.example.com/api/webhooks/square' }) } }), 401, 'INVALID_SIGNATURE'],
      ['a missing signature header', (d: ReturnType<typeof signed>) => ({ ...d, headers: { 'content-type': 'application/json' } }), 401, 'INVALID_SIGNATURE'],
    ])('%s', async (_name, tamper, status, code) => {
      const res = await deliver(stack.url, 'square', tamper(signed('square', body(), now())));
      expect(res).toMatchObject({ status, body: { success: false, code } });
      expect(await records()).toEqual([]);
      expect(published()).toEqual([]);
      expect(stack.rt.logs).toContainEqual(expect.objectContaining({ message: 'webhook signature rejected', provider: 'square' }));
    });

    it('a stale Stripe timestamp → 401', async () => {
      const delivery = signed('stripe', { id: 'evt_stale', object: 'event', type: 'charge.refunded' }, now() - 301_000);
      expect(await deliver(stack.url, 'stripe', delivery)).toMatchObject({ status: 401, body: { code: 'INVALID_SIGNATURE' } });
      expect(await records()).toEqual([]);
    });

    it('an unknown provider → 404', async () => {
      expect(await deliver(stack.url, 'clover', signed('square', body(), now()))).toMatchObject({ status: 404, body: { code: 'UNKNOWN_PROVIDER' } });
    });

    it('a body over 1 MB → 413', async () => {
      const big = signed('square', { ...body(), padding: 'x'.repeat(1024 * 1024) }, now());
      expect(await deliver(stack.url, 'square', big)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(await records()).toEqual([]);
    });

    it.each([
      ['square without event_id', 'square', { type: 'payment.created', data: {} }, {}],
      ['stripe without type', 'stripe', { id: 'evt_test_webhook', object: 'event' }, {}],
      ['a JSON array', 'shopify', [] as unknown as Record<string, unknown>, { eventId: 'x', eventType: 'orders/create' }],
    ])('a signed body that is not the provider\'s shape (%s) → 400', async (_name, provider, json, extra) => {
      expect(await deliver(stack.url, provider, signed(provider, json, now(), extra))).toMatchObject({ status: 400, body: { code: 'INVALID_EVENT' } });
      expect(await records()).toEqual([]);
    });
  });

  it.each(['stripe', 'shopify', 'zettle'] as const)('%s events are stored, typed, and ignored with the reason', async (provider) => {
    const p = (await import('@shared/webhooks/providers')).webhookProvider(provider)!;
    const type = p.sampleTypes[0];
    const { body, eventId } = p.sample(type, now());
    const res = await deliver(stack.url, provider, signed(provider, body, now(), { eventId, eventType: type }));
    expect(res.status).toBe(200);
    await stack.rt.bus.drain();
    const rows = await stack.rt.warehouse.query<{ status: string; event_type: string; last_error: string }>((d) => `SELECT status, event_type, last_error FROM ${d.table(webhookEvents)}`);
    expect(rows).toEqual([{ status: 'ignored', event_type: type, last_error: expect.stringContaining('nothing in the product consumes') }]);
  });
});
