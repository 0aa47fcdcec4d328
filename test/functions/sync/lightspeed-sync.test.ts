import { lightspeedProducts, lightspeedTransactions } from '@shared/warehouse/schema/lightspeed';
import type { Runtime } from '@shared/runtime';
import { readWatermark } from '@shared/sources/run-records';
import type { SyncStream } from '@shared/sources/stream';
import { EnvSecrets } from '@shared/secrets/env';
import { handleSyncRequest, runOne } from '../../../functions/sync/handler';
import { runStream } from '../../../functions/sync/run-stream';
import { openSyncSession } from '@shared/sources/sessions';
import type { LightspeedEmulator } from '../../../scripts/emulators/lightspeed';
import { TEST_SECRETS } from '../../support/runtime';
import { runKilledAfter } from './killed-run';
import { expectedSales, lightspeedFixture, syncLightspeed, warehouseSales } from './lightspeed-fixture';

type Row = Record<string, unknown>;

async function products(rt: Runtime): Promise<Row[]> {
  const rows = await rt.warehouse.query<Row>((d) => `SELECT * FROM ${d.table(lightspeedProducts)}`);
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The warehouse holds exactly the emulator's sales and items, field for field, sums to the cent. */
async function expectLevel(rt: Runtime, emulator: LightspeedEmulator) {
  const expected = expectedSales(emulator);
  const actual = await warehouseSales(rt);
  expect(actual).toEqual(expected);
  const sum = (rows: Array<Record<string, unknown>>) => rows.reduce((s, r) => s + Number(r.total_cents), 0);
  expect(sum(actual)).toBe(sum(expected));

  const items = await products(rt);
  const categories = new Map(emulator.store.categories.map((c) => [c.categoryID, c.name]));
  expect(items.map((i) => ({ id: i.id, price_cents: i.price_cents, cost_cents: i.cost_cents, quantity: i.quantity, is_archived: i.is_archived, category: i.category }))).toEqual(
    emulator.store.items.map((i) => ({
      id: String(i.itemID),
      price_cents: i.priceCents,
      cost_cents: i.defaultCostCents,
      quantity: i.shops.reduce((s, shop) => s + shop.qoh, 0),
      is_archived: i.archived,
      category: categories.get(i.categoryID) ?? null,
    })),
  );
}

describe('Lightspeed sync against the emulator', () => {
  test('a backfill lands every sale (archived, voided and open included) and every item exactly once, to the cent', async () => {
    const { rt, emulator, close } = await lightspeedFixture();
    try {
      const runs = await syncLightspeed(rt);
      expect(runs.map((r) => [r.stream, r.status, r.mode])).toEqual([
        ['sales', 'succeeded', 'full'],
        ['items', 'succeeded', 'full'],
      ]);
      await expectLevel(rt, emulator);
      const sales = await warehouseSales(rt);
      expect(new Set(sales.map((s) => s.status))).toEqual(new Set(['completed', 'open', 'voided']));
      expect(sales.some((s) => s.is_archived)).toBe(true);
      expect((await products(rt)).some((i) => i.is_archived)).toBe(true);
      expect(runs[0]).toMatchObject({ rows_read: emulator.store.sales.length, rows_written: emulator.store.sales.length, rows_rejected: 0 });
      expect(runs[0].api_calls).toBeGreaterThanOrEqual(emulator.store.sales.length / 100);
      expect(await readWatermark(rt, 'lightspeed', 'sales')).toEqual(rt.clock.now());
      // One OAuth refresh served both streams.
      expect(emulator.stats.tokenRefreshes).toBe(1);
    } finally {
      await close();
    }
  });

  test('after new, completed and voided sales and archived and repriced items, one incremental run brings the warehouse level', async () => {
    const { rt, emulator, close } = await lightspeedFixture();
    try {
      await syncLightspeed(rt);
      rt.clock.advance(15 * 60_000);
      const change = emulator.mutate({ addSales: 7, completeSales: 2, voidSales: 3, archiveItems: 2, updateItems: 3 });
      expect(change.voidedSales).toHaveLength(3);
      expect(change.completedSales.length).toBeGreaterThan(0);
      rt.clock.advance(60_000);
      const requestsBefore = emulator.stats.byResource.Sale ?? 0;
      const watermark = (await readWatermark(rt, 'lightspeed', 'sales')) as Date;
      const runs = await syncLightspeed(rt);
      expect(runs.map((r) => [r.status, r.mode])).toEqual([
        ['succeeded', 'incremental'],
        ['succeeded', 'incremental'],
      ]);
      await expectLevel(rt, emulator);
      // Incremental reads what changed plus what the 10-minute overlap repeats: one page, not the whole history.
      const overlapFrom = Math.floor((watermark.getTime() - 10 * 60_000) / 1000);
      const inOverlap = emulator.store.sales.filter((s) => s.timeStamp >= overlapFrom).length;
      expect(runs[0].rows_read).toBe(inOverlap);
      expect(inOverlap).toBeGreaterThanOrEqual(7 + change.completedSales.length + 3);
      expect(inOverlap).toBeLessThan(100);
      expect((emulator.stats.byResource.Sale ?? 0) - requestsBefore).toBe(1);
      const voided = await rt.warehouse.query<Row>(
        (d) => `SELECT status FROM ${d.table(lightspeedTransactions)} WHERE id IN (${change.voidedSales.map((id) => `'${id}'`).join(', ')})`,
      );
      expect(voided.map((v) => v.status)).toEqual(['voided', 'voided', 'voided']);
    } finally {
      await close();
    }
  });

  test('the same period synced twice, or a run killed part-way and rerun, leaves no duplicates and no gaps', async () => {
    const { rt, emulator, close } = await lightspeedFixture();
    try {
      const killed = await runKilledAfter(rt, 'lightspeed', 'sales', 2);
      expect(killed).toMatchObject({ status: 'failed', error: 'instance killed', watermark_after: null });
      expect(await readWatermark(rt, 'lightspeed', 'sales')).toBeNull();

      await syncLightspeed(rt);
      await expectLevel(rt, emulator);
      const before = await warehouseSales(rt);
      await syncLightspeed(rt, 'full');
      expect(await warehouseSales(rt)).toEqual(before);
      await expectLevel(rt, emulator);
    } finally {
      await close();
    }
  });

  test('an access token expiring mid-run is refreshed once, with every parallel window waiting on that one refresh', async () => {
    const { rt, emulator, close } = await lightspeedFixture({ sales: 3000, env: { SYNC_BACKFILL_WINDOWS: '8', SYNC_BACKFILL_CONCURRENCY: '4' } });
    try {
      const deadline = Date.now() + 60_000;
      const session = await openSyncSession(rt, 'lightspeed', deadline);
      const sales = session.streams.find((s) => s.name === 'sales') as SyncStream;
      let pages = 0;
      const expiring: SyncStream = {
        ...sales,
        async *read(window) {
          for await (const page of sales.read(window)) {
            // After a few pages every issued token dies at once, as when it reaches its expiry.
            if (++pages === 6) emulator.expireAccessTokens();
            yield page;
          }
        },
      };
      const run = await runStream(rt, session, expiring, { request: { source: 'lightspeed', mode: 'full', requestedBy: 'test' }, requestId: 'r1', deadline });
      expect(run).toMatchObject({ status: 'succeeded', rows_written: emulator.store.sales.length });
      expect(emulator.stats.tokenRefreshes).toBe(2);
      // The windows in flight when the token died each met a 401 once; none refreshed on its own.
      expect(emulator.stats.unauthorized).toBeGreaterThanOrEqual(1);
      expect(emulator.stats.unauthorized).toBeLessThanOrEqual(4);
      expect(emulator.stats.invalidGrants).toBe(0);
      expect(await warehouseSales(rt)).toEqual(expectedSales(emulator));
    } finally {
      await close();
    }
  });

  test('a run that dies between the token refresh and saving the new refresh token does not lock the shop out', async () => {
    const { rt, emulator, close } = await lightspeedFixture({ sales: 300 });
    try {
      const stored = await rt.secrets.get('lightspeed-refresh-token');
      const env = { ...TEST_SECRETS, LIGHTSPEED_CLIENT_SECRET: emulator.oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: stored };
      // This instance refreshes, then dies before Secret Manager confirms the new version.
      const dying = new EnvSecrets(env);
      dying.put = async () => {
        throw new Error('instance killed while saving');
      };
      const crashed = await runOne({ ...rt, secrets: dying }, { source: 'lightspeed', stream: 'sales', mode: 'incremental', requestedBy: 'test' }, 'sales');
      expect(crashed).toMatchObject({ status: 'failed', rows_written: 0 });
      expect(crashed.error).toMatch(/Could not store the rotated Lightspeed refresh token/);
      expect(emulator.stats.tokenRefreshes).toBe(1);

      // A fresh instance reads the refresh token that is still stored, and it still works.
      const fresh = { ...rt, secrets: new EnvSecrets(env) };
      const runs = await syncLightspeed(fresh);
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(emulator.stats.invalidGrants).toBe(0);
      expect(await fresh.secrets.get('lightspeed-refresh-token')).toBe(emulator.currentRefreshToken());
      await expectLevel(rt, emulator);
    } finally {
      await close();
    }
  });

  test('a forced 429 is waited out (Retry-After) and counted, and the run completes', async () => {
    const { rt, emulator, close } = await lightspeedFixture({ sales: 400 });
    try {
      emulator.force429Next(1);
      const runs = await syncLightspeed(rt);
      expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
      expect(emulator.stats.throttled).toBe(1);
      expect(runs.reduce((s, r) => s + r.retries, 0)).toBe(1);
      await expectLevel(rt, emulator);
    } finally {
      await close();
    }
  });

  test('commerce.sales carries Lightspeed sales: completed ones count, voided ones are kept apart', async () => {
    const { rt, emulator, close } = await lightspeedFixture();
    try {
      await syncLightspeed(rt);
      const rows = await rt.warehouse.query<{ status: string; n: number; cents: number }>(
        (d) => `SELECT status, COUNT(*) AS n, SUM(amount_cents) AS cents FROM ${d.table('commerce.sales')} WHERE source = 'lightspeed' GROUP BY status`,
      );
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, { n: Number(r.n), cents: Number(r.cents) }]));
      const completed = emulator.store.sales.filter((s) => s.completed && !s.voided);
      const voided = emulator.store.sales.filter((s) => s.voided);
      expect(voided.every((s) => s.completed)).toBe(true);
      expect(byStatus.completed).toEqual({ n: completed.length, cents: completed.reduce((s, sale) => s + sale.totalCents, 0) });
      expect(byStatus.voided.n).toBe(voided.length);
      expect(byStatus.pending.n).toBe(emulator.store.sales.filter((s) => !s.completed).length);
    } finally {
      await close();
    }
  });

  test('a source-level request fans out one message per Lightspeed stream', async () => {
    const { rt, close } = await lightspeedFixture({ sales: 50 });
    try {
      await handleSyncRequest(rt, { source: 'lightspeed', mode: 'incremental', requestedBy: 'scheduler' });
      const published = rt.bus.published.filter((m) => m.topic === 'sync-requests').map((m) => m.data);
      expect(published.map((m) => (m as { stream: string }).stream)).toEqual(['sales', 'items']);
    } finally {
      await close();
    }
  });
});
