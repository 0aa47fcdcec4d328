import type { Runtime } from '@shared/runtime';
import { readWatermark } from '@shared/sources/run-records';
import { runKilledAfter } from './killed-run';
import type { SquareStore } from '../../../scripts/emulators/square';
import { squareFixture, syncAll } from './square-fixture';

type Row = Record<string, unknown>;
const cents = (m?: { amount: number } | null) => m?.amount ?? 0;
const byId = (a: { id?: unknown }, b: { id?: unknown }) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);

async function all(rt: Runtime, table: string, order = 'id'): Promise<Row[]> {
  const rows = await rt.warehouse.query<Row>((d) => `SELECT * FROM ${d.table(table)} ORDER BY ${order}`);
  return order === 'id' ? rows.sort(byId) : rows;
}

/** Ground truth from the emulator's store, in the warehouse's row terms. */
function expectedPayments(store: SquareStore) {
  return [...store.payments.values()]
    .map((p) => ({ id: p.id, location_id: p.location_id, amount_cents: cents(p.amount_money), refunded_cents: cents(p.refunded_money), status: p.status, updated_at: new Date(p.updated_at).toISOString() }))
    .sort(byId);
}

function expectedVariations(store: SquareStore) {
  return [...store.variations.values()]
    .map((v) => {
      const item = store.items.get(v.item_variation_data.item_id);
      return { id: v.id, is_deleted: Boolean(v.is_deleted || item?.is_deleted), price_cents: cents(v.item_variation_data.price_money) };
    })
    .sort(byId);
}

async function expectLevel(rt: Runtime, store: SquareStore) {
  const payments = await all(rt, 'commerce.square_payments');
  expect(payments.map((p) => ({ id: p.id, location_id: p.location_id, amount_cents: p.amount_cents, refunded_cents: p.refunded_cents, status: p.status, updated_at: p.updated_at }))).toEqual(expectedPayments(store));

  const refunds = await all(rt, 'commerce.square_refunds');
  const storeRefunds = [...store.refunds.values()];
  expect(refunds.map((r) => r.id)).toEqual([...storeRefunds].sort(byId).map((r) => r.id));
  expect(refunds.reduce((s, r) => s + Number(r.amount_cents), 0)).toBe(storeRefunds.reduce((s, r) => s + cents(r.amount_money), 0));
  expect(Object.fromEntries(refunds.map((r) => [r.id, r.status]))).toEqual(Object.fromEntries(storeRefunds.map((r) => [r.id, r.status])));

  const items = await all(rt, 'commerce.square_items');
  expect(items.map((i) => ({ id: i.id, is_deleted: i.is_deleted, price_cents: i.price_cents }))).toEqual(expectedVariations(store));

  const customers = await all(rt, 'commerce.square_customers');
  expect(customers.map((c) => c.id)).toEqual([...store.customers.values()].sort(byId).map((c) => c.id));

  const locations = await all(rt, 'commerce.square_locations');
  expect(locations.map((l) => l.id).sort()).toEqual(store.locations.map((l) => l.id).sort());
}

describe('Square sync against the emulator', () => {
  test('a backfill lands every record of every location exactly once, sums equal to the cent', async () => {
    const { rt, emulator, close } = await squareFixture();
    try {
      const runs = await syncAll(rt);
      expect(runs.map((r) => [r.stream, r.status])).toEqual([
        ['locations', 'succeeded'],
        ['payments', 'succeeded'],
        ['refunds', 'succeeded'],
        ['items', 'succeeded'],
        ['customers', 'succeeded'],
      ]);
      await expectLevel(rt, emulator.store);
      const payments = runs[1];
      expect(payments).toMatchObject({ mode: 'full', rows_read: emulator.store.payments.size, rows_written: emulator.store.payments.size });
      expect(payments.api_calls).toBeGreaterThan(emulator.store.payments.size / 100);
      const locations = new Set((await all(rt, 'commerce.square_payments')).map((p) => p.location_id));
      expect(locations.size).toBe(3);
      expect((await all(rt, 'commerce.square_items')).some((i) => i.is_deleted)).toBe(true);
      // Personal fields are sealed, not stored in clear.
      const customer = (await all(rt, 'commerce.square_customers'))[0];
      const original = emulator.store.customers.get(String(customer.id));
      expect(String(customer.email)).not.toContain('@');
      if (original?.given_name) expect(JSON.stringify(customer)).not.toContain(original.given_name);
      expect(await readWatermark(rt, 'square', 'payments')).toEqual(rt.clock.now());
    } finally {
      await close();
    }
  });

  test('after status changes, late refunds, new payments and deletions one incremental run brings the warehouse level', async () => {
    // A shop large enough to have 50 payments still waiting to settle.
    const { rt, emulator, close } = await squareFixture({ payments: 25_000 });
    try {
      await syncAll(rt);
      rt.clock.advance(15 * 60_000);
      const summary = emulator.mutate({ changePaymentStatuses: 50, addRefunds: 20, addPayments: 30, deleteItems: 2, updateItems: 3, addCustomers: 4, updateCustomers: 5 });
      expect(summary.paymentStatusChanges.length).toBe(50);
      rt.clock.advance(60_000);
      const runs = await syncAll(rt);
      expect(runs.every((r) => r.status === 'succeeded' && r.mode === 'incremental')).toBe(true);
      await expectLevel(rt, emulator.store);
      // Incremental reads only what changed (plus the overlap), not the whole history.
      const payments = runs.find((r) => r.stream === 'payments')!;
      expect(payments.rows_read).toBeLessThan(300);
    } finally {
      await close();
    }
  });

  test('the same window synced twice changes nothing', async () => {
    const { rt, emulator, close } = await squareFixture();
    try {
      await syncAll(rt, 'full');
      const before = await all(rt, 'commerce.square_payments');
      await syncAll(rt, 'full');
      expect(await all(rt, 'commerce.square_payments')).toEqual(before);
      await expectLevel(rt, emulator.store);
    } finally {
      await close();
    }
  });

  test('a run killed after some pages leaves the watermark alone, and the rerun leaves no duplicates and no gaps', async () => {
    // Page-sized write batches, so the killed run has already written rows that the rerun writes again.
    const { rt, emulator, close } = await squareFixture({ env: { SYNC_WRITE_BATCH_ROWS: '100' } });
    try {
      const killed = await runKilledAfter(rt, 'square', 'payments', 3);
      expect(killed).toMatchObject({ status: 'failed', error: 'instance killed', watermark_after: null });
      expect((await all(rt, 'commerce.square_payments')).length).toBeGreaterThan(0);
      expect(await readWatermark(rt, 'square', 'payments')).toBeNull();

      await syncAll(rt);
      await expectLevel(rt, emulator.store);
    } finally {
      await close();
    }
  });

  test('429 storms and 5xx are survived, Retry-After honoured, and counted in the run record', async () => {
    const { rt, emulator, close } = await squareFixture();
    try {
      emulator.setRateLimit(5);
      emulator.setFaults({ serverErrorRate: 0.05 });
      const runs = await syncAll(rt);
      expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
      expect(emulator.stats.rateLimited).toBeGreaterThan(0);
      expect(emulator.stats.serverErrors).toBeGreaterThan(0);
      const retries = runs.reduce((s, r) => s + r.retries, 0);
      expect(retries).toBeGreaterThanOrEqual(emulator.stats.rateLimited + emulator.stats.serverErrors);
      emulator.setRateLimit(null);
      emulator.setFaults({ serverErrorRate: 0 });
      await expectLevel(rt, emulator.store);
    } finally {
      await close();
    }
  }, 60_000);

  test('a bad token fails every run with a clear error and moves no watermark', async () => {
    const { rt, close } = await squareFixture({ token: 'revoked-token' });
    try {
      const runs = await syncAll(rt);
      for (const run of runs) {
        expect(run.status).toBe('failed');
        expect(run.error).toMatch(/401|UNAUTHORIZED|unauthori/i);
      }
      expect(await readWatermark(rt, 'square', 'payments')).toBeNull();
      const recorded = await all(rt, 'ops.sync_runs', 'stream');
      expect(recorded.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    } finally {
      await close();
    }
  });
});
