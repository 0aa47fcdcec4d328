import { checkRollup, rebuildRollup, writeSourceRows } from '@shared/sales-rollup';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
import type { Warehouse } from '@shared/warehouse/port';
import { TABLES, VIEWS } from '@shared/warehouse/schema';
import { lightspeedTransactions } from '@shared/warehouse/schema/lightspeed';
import { squarePayments, squareRefunds } from '@shared/warehouse/schema/square';
import { type Shop, generateShop, loadShop } from '../../functions/dashboard/shop-ground-truth';
import { chicagoDate } from '../../functions/dashboard/chicago-calendar';

const TZ = 'America/Chicago';
const NOW = new Date('2026-04-20T00:00:00Z');

/** The rollup recomputed in TypeScript from the rows: key `date|source|location` → figures. */
function expectedBuckets(shop: Shop, dateOf: (at: string) => string = chicagoDate) {
  const buckets = new Map<string, { gross: number; refunds: number; completed: number }>();
  const add = (at: string, source: string, location: string | null, gross: number, refunds: number, completed: number) => {
    const key = `${dateOf(at)}|${source}|${location ?? ''}`;
    const b = buckets.get(key) ?? { gross: 0, refunds: 0, completed: 0 };
    buckets.set(key, { gross: b.gross + gross, refunds: b.refunds + refunds, completed: b.completed + completed });
  };
  for (const p of shop.payments) if (p.status === 'COMPLETED') add(p.created_at, 'square', p.location_id, p.amount_cents, 0, 1);
  for (const f of shop.refunds) if (f.status === 'COMPLETED') add(f.created_at, 'square', f.location_id, 0, f.amount_cents, 0);
  for (const s of shop.lightspeed) if (s.status === 'completed') add(s.completed_at ?? s.created_at, 'lightspeed', s.shop_id, s.total_cents, 0, 1);
  return Object.fromEntries([...buckets].sort(([a], [b]) => a.localeCompare(b)));
}

/** customer_sales recomputed: `source|location|customer` → first completed sale and count. */
function expectedCustomers(shop: Shop) {
  const out = new Map<string, { first: string; count: number }>();
  const add = (source: string, location: string | null, customer: string | null, at: string) => {
    if (!customer) return;
    const key = `${source}|${location ?? ''}|${customer}`;
    const c = out.get(key);
    out.set(key, { first: c && c.first < at ? c.first : at, count: (c?.count ?? 0) + 1 });
  };
  for (const p of shop.payments) if (p.status === 'COMPLETED') add('square', p.location_id, p.customer_id, p.created_at);
  for (const s of shop.lightspeed) if (s.status === 'completed') add('lightspeed', s.shop_id, s.customer_id, s.completed_at ?? s.created_at);
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)));
}

async function rollupCustomers(warehouse: Warehouse) {
  const rows = await warehouse.query<{ k: string; first: string; count: number }>(
    (d) => `SELECT source || '|' || location_id || '|' || customer_id AS k, first_sale_at AS first, completed_count AS count FROM ${d.table('commerce.customer_sales')} ORDER BY 1`,
  );
  return Object.fromEntries(rows.map(({ k, ...c }) => [k, c]));
}

/** Both rollups equal their recomputation from `shop`, and the check finds nothing. */
async function expectRollupsMatch(warehouse: Warehouse, shop: Shop, timeZone = TZ) {
  const dateOf = timeZone === TZ ? chicagoDate : (at: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at));
  expect(await rollupBuckets(warehouse)).toEqual(expectedBuckets(shop, dateOf));
  expect(await rollupCustomers(warehouse)).toEqual(expectedCustomers(shop));
  expect(await checkRollup(warehouse, timeZone)).toEqual([]);
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What an incremental sync finds weeks after the backfill: late refunds of old sales, sales canceled or completed
 * later, a Lightspeed sale completed days after it was opened and moved to another shop, and new trade.
 */
function laterChanges(shop: Shop, at: number): Shop {
  const stamp = iso(at);
  const completed = shop.payments.filter((p) => p.status === 'COMPLETED' && !shop.refunds.some((f) => f.payment_id === p.id));
  const refunded = completed.slice(0, 40);
  const canceled = completed.slice(40, 60).map((p) => ({ ...p, status: 'CANCELED', updated_at: stamp }));
  const nowCompleted = shop.payments.filter((p) => p.status === 'PENDING').slice(0, 20).map((p) => ({ ...p, status: 'COMPLETED', updated_at: stamp }));
  const refunds = refunded.map((p, i) => ({
    id: `late-rf-${i}`,
    payment_id: p.id,
    location_id: p.location_id,
    amount_cents: Math.max(1, Math.floor(p.amount_cents / 2)),
    currency: 'USD',
    status: 'COMPLETED',
    reason: 'Late return',
    created_at: iso(at - i * 7 * MINUTE),
    updated_at: iso(at - i * 7 * MINUTE),
  }));
  const lightspeed = shop.lightspeed
    .filter((s) => s.status === 'open')
    .slice(0, 20)
    .map((s, i) => ({ ...s, status: 'completed', shop_id: i % 2 ? '3' : s.shop_id, completed_at: iso(Date.parse(s.created_at) + 3 * DAY), updated_at: stamp }));
  const voided = shop.lightspeed.filter((s) => s.status === 'completed').slice(0, 10).map((s) => ({ ...s, status: 'voided', updated_at: stamp }));
  const fresh = generateShop(7).payments.slice(0, 50).map((p, i) => ({ ...p, id: `new-${i}`, created_at: iso(at - i * 13 * MINUTE), updated_at: iso(at - i * 13 * MINUTE) }));
  return { payments: [...canceled, ...nowCompleted, ...fresh], refunds, lightspeed: [...lightspeed, ...voided] };
}

/** The shop with `changes` applied as the upserts apply them (newest version by id). */
function applied(shop: Shop, changes: Shop): Shop {
  const merge = <R extends { id: string }>(rows: R[], newer: R[]) => [...new Map([...rows, ...newer].map((r) => [r.id, r])).values()];
  return { payments: merge(shop.payments, changes.payments), refunds: merge(shop.refunds, changes.refunds), lightspeed: merge(shop.lightspeed, changes.lightspeed) };
}

/** Writes a shop's rows in batches of `size`, payments, refunds then sales, as the sync's streams do. */
async function writeInBatches(warehouse: Warehouse, rows: Shop, size: number, timeZone = TZ, stopAfter = Infinity) {
  const ctx = { warehouse, timeZone, now: NOW };
  let batches = 0;
  const tables = [
    [squarePayments, rows.payments],
    [squareRefunds, rows.refunds],
    [lightspeedTransactions, rows.lightspeed],
  ] as const;
  for (const [table, list] of tables) {
    for (let i = 0; i < list.length; i += size) {
      if (batches++ >= stopAfter) return;
      await writeSourceRows(ctx, table as typeof squarePayments, list.slice(i, i + size) as Array<typeof squarePayments.row>);
    }
  }
}

async function rollupBuckets(warehouse: Warehouse) {
  const rows = await warehouse.query<{ k: string; gross: number; refunds: number; completed: number }>(
    (d) => `SELECT ${d.dateText('business_date')} || '|' || source || '|' || location_id AS k, gross_cents AS gross, refunds_cents AS refunds, completed_count AS completed FROM ${d.table('commerce.daily_sales')} ORDER BY 1`,
  );
  return Object.fromEntries(rows.map(({ k, ...b }) => [k, b]));
}

describe('commerce.daily_sales equals a recomputation from the rows', () => {
  let warehouse: DuckdbWarehouse;
  beforeEach(() => {
    warehouse = new DuckdbWarehouse(':memory:', TABLES, VIEWS);
  });
  afterEach(() => warehouse.close());

  it('after a backfill', async () => {
    const shop = generateShop();
    await loadShop(warehouse, shop, TZ, NOW);
    await expectRollupsMatch(warehouse, shop);
  });

  it('after an incremental sync with late refunds, status changes and a sale moved to another shop and day', async () => {
    const shop = generateShop();
    await loadShop(warehouse, shop, TZ, NOW);
    const changes = laterChanges(shop, NOW.getTime());
    await writeInBatches(warehouse, changes, 7);
    await expectRollupsMatch(warehouse, applied(shop, changes));
  });

  it('after a webhook writes one payment, then its refund', async () => {
    const shop = generateShop();
    await loadShop(warehouse, shop, TZ, NOW);
    const sale = { ...shop.payments.find((p) => p.status === 'PENDING')!, status: 'COMPLETED', updated_at: iso(NOW.getTime()) };
    const refund = { ...shop.refunds[0], id: 'hook-rf', payment_id: sale.id, location_id: sale.location_id, status: 'COMPLETED', amount_cents: 1, created_at: iso(NOW.getTime()) };
    const ctx = { warehouse, timeZone: TZ, now: NOW };
    await writeSourceRows(ctx, squarePayments, [sale]);
    await writeSourceRows(ctx, squareRefunds, [refund]);
    await expectRollupsMatch(warehouse, applied(shop, { payments: [sale], refunds: [refund], lightspeed: [] }));
  });

  it('after a crash between batches (the rollup matches the rows written so far), then a rerun', async () => {
    const shop = generateShop();
    const firstHalf = { payments: shop.payments.slice(0, 1000), refunds: [], lightspeed: [] };
    await writeInBatches(warehouse, shop, 500, TZ, 3);
    await expectRollupsMatch(warehouse, { ...firstHalf, payments: shop.payments.slice(0, 1500) });
    await writeInBatches(warehouse, shop, 500);
    await expectRollupsMatch(warehouse, shop);
  });

  it('a write that fails part-way leaves neither its rows nor its rollup change', async () => {
    const shop = generateShop();
    await loadShop(warehouse, shop, TZ, NOW);
    const changes = laterChanges(shop, NOW.getTime());
    const failing: Warehouse = Object.assign(Object.create(warehouse) as Warehouse, {
      upsert: ((table, rows, options) =>
        warehouse.upsert(table, rows, {
          companion: { ...options!.companion!, after: (d, staged) => [...options!.companion!.after(d, staged), 'SELECT error(\'the instance stopped\')'] },
        })) as Warehouse['upsert'],
    });
    await expect(writeSourceRows({ warehouse: failing, timeZone: TZ, now: NOW }, squarePayments, changes.payments)).rejects.toThrow('the instance stopped');
    await expectRollupsMatch(warehouse, shop);
  });

  it('after a time-zone change and a rebuild (the check names the stale buckets until then)', async () => {
    const shop = generateShop();
    await loadShop(warehouse, shop, TZ, NOW);
    const kolkata = 'Asia/Kolkata';
    const stale = await checkRollup(warehouse, kolkata);
    expect(stale.length).toBeGreaterThan(50);
    expect(stale[0].time_zone).toBe(TZ);
    await rebuildRollup(warehouse, kolkata, NOW);
    await expectRollupsMatch(warehouse, shop, kolkata);
    // Writes after the change keep the rollup in the new zone.
    const changes = laterChanges(shop, NOW.getTime());
    await writeInBatches(warehouse, changes, 25, kolkata);
    await expectRollupsMatch(warehouse, applied(shop, changes), kolkata);
  });
});
