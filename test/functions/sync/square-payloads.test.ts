import documented from '../../fixtures/square/list-payments.json';
import { runOne } from '../../../functions/sync/handler';
import { serve } from '../../support/http';
import { createTestRuntime } from '../../support/runtime';

const LOCATION = { id: 'L1', name: 'Main', status: 'ACTIVE', timezone: 'America/Chicago', currency: 'USD', created_at: '2024-01-01T00:00:00Z' };
const payment = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  created_at: '2026-03-01T12:00:00Z',
  updated_at: '2026-03-01T12:00:00Z',
  amount_money: { amount: 1250, currency: 'USD' },
  total_money: { amount: 1250, currency: 'USD' },
  status: 'COMPLETED',
  source_type: 'CASH',
  location_id: 'L1',
  ...extra,
});

describe('Square payloads through the SDK into rows', () => {
  test('is counted and logged by id, not fatal: the rest of the page lands and the run succeeds', async () => {
    const square = await serve((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/v2/locations')) return void res.end(JSON.stringify({ locations: [LOCATION] }));
      res.end(
        JSON.stringify({
          payments: [
            payment('P-good-1'),
            payment('P-no-location', { location_id: undefined }),
            payment('P-bad-time', { created_at: 'yesterday-ish' }),
            payment('P-good-2', { customer_id: 'C1' }),
          ],
        }),
      );
    });
    const rt = createTestRuntime({ SQUARE_BASE_URL: square.url, SYNC_BACKFILL_WINDOWS: '1' }, '2026-03-15T17:00:00Z', { SQUARE_ACCESS_TOKEN: 'token' });
    try {
      const run = await runOne(rt, { source: 'square', stream: 'payments', mode: 'incremental', requestedBy: 'test' }, 'payments');
      expect(run).toMatchObject({ status: 'succeeded', rows_read: 4, rows_written: 2, rows_rejected: 2 });
      const ids = await rt.warehouse.query<{ id: string }>((d) => `SELECT id FROM ${d.table('commerce.square_payments')} ORDER BY id`);
      expect(ids.map((r) => r.id)).toEqual(['P-good-1', 'P-good-2']);
      const warnings = rt.logs.filter((l) => l.message === 'malformed record skipped');
      expect(warnings.map((w) => w.recordId).sort()).toEqual(['P-bad-time', 'P-no-location']);
    } finally {
      await square.close();
      await rt.warehouse.close();
    }
  });

  test('a payment exactly as Square documents it lands with its amounts, card brand and receipt', async () => {
    const square = await serve((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/v2/locations')) return void res.end(JSON.stringify({ locations: [{ ...LOCATION, id: 'L88917AVBK2S5' }] }));
      res.end(JSON.stringify(documented));
    });
    const rt = createTestRuntime({ SQUARE_BASE_URL: square.url, SYNC_BACKFILL_WINDOWS: '1' }, '2023-05-02T00:00:00Z', { SQUARE_ACCESS_TOKEN: 'token' });
    try {
      await runOne(rt, { source: 'square', stream: 'payments', mode: 'incremental', requestedBy: 'test' }, 'payments');
      const rows = await rt.warehouse.query((d) => `SELECT * FROM ${d.table('commerce.square_payments')}`);
      expect(rows).toEqual([
        {
          id: 'KkAkhdMsgzn59SM8A89WgKwekxLZY',
          location_id: 'L88917AVBK2S5',
          customer_id: null,
          order_id: 'CAISENgvhpdP05f1DWG9H8yMn4kZY',
          amount_cents: 200,
          tip_cents: 0,
          total_cents: 200,
          refunded_cents: 0,
          currency: 'USD',
          status: 'COMPLETED',
          source_type: 'CARD',
          card_brand: 'VISA',
          receipt_url: 'https://squareupsandbox.com/receipt/preview/KkAkhdMsgzn59SM8A89WgKwekxLZY',
          created_at: '2023-05-01T21:23:59.255Z',
          updated_at: '2023-05-01T21:23:59.446Z',
        },
      ]);
    } finally {
      await square.close();
      await rt.warehouse.close();
    }
  });
});
