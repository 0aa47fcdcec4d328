import { lightspeedTransactions } from '@shared/warehouse/schema/lightspeed';
import type { Runtime } from '@shared/runtime';
import type { SyncRunRow } from '@shared/sources/run-records';
import { type LightspeedEmulator, type LightspeedEmulatorOptions, startLightspeedEmulator } from '../../../scripts/emulators/lightspeed';
import type { SaleRecord } from '../../../scripts/emulators/lightspeed';
import { runOne } from '../../../functions/sync/handler';
import { streamNames } from '@shared/sources/registry';
import { type TestRuntime, createTestRuntime } from '../../support/runtime';

const START = '2026-03-15T17:00:00Z';

/** A bucket the exactness tests never meet (their clock stands still, so nothing would drain). */
export const ROOMY_BUCKET = { size: 1_000_000, dripPerSecond: 1 };

/**
 * A small Lightspeed shop on the emulator and a runtime syncing it (OAuth with the emulator's client) into an
 * in-memory DuckDB, both on the runtime's manual clock.
 */
export async function lightspeedFixture(options: { sales?: number; env?: Record<string, string>; emulator?: LightspeedEmulatorOptions } = {}) {
  let rt: TestRuntime | undefined;
  const emulator = await startLightspeedEmulator({
    sales: options.sales ?? 1500,
    items: 60,
    categories: 12,
    days: 90,
    seed: 11,
    bucket: ROOMY_BUCKET,
    now: () => (rt ? rt.clock.now() : new Date(START)),
    ...options.emulator,
  });
  rt = createTestRuntime(
    {
      LIGHTSPEED_BASE_URL: emulator.url,
      LIGHTSPEED_ACCOUNT_ID: emulator.accountId,
      LIGHTSPEED_CLIENT_ID: emulator.oauth.clientId,
      LIGHTSPEED_BACKFILL_DAYS: '120',
      SYNC_BACKFILL_WINDOWS: '4',
      SYNC_OVERLAP_MINUTES: '10',
      ...options.env,
    },
    START,
    { LIGHTSPEED_CLIENT_SECRET: emulator.oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: emulator.currentRefreshToken() },
  );
  // The shop's newest records carry the emulator's start second; the sync starts a moment later.
  rt.clock.advance(1000);
  const runtime = rt;
  return {
    rt: runtime,
    emulator,
    async close() {
      await emulator.close();
      await runtime.warehouse.close();
    },
  };
}

/** Runs every Lightspeed stream once, as the fan-out would, and returns the run records. */
export function syncLightspeed(rt: Runtime, mode: 'incremental' | 'full' = 'incremental'): Promise<SyncRunRow[]> {
  return Promise.all(streamNames('lightspeed').map((stream) => runOne(rt, { source: 'lightspeed', stream, mode, requestedBy: 'test' }, stream)));
}

/** The warehouse status of an emulator sale. */
export function expectedStatus(sale: SaleRecord): string {
  return sale.voided ? 'voided' : sale.completed ? 'completed' : 'open';
}

/** Ground truth of the sales table, by id. */
export function expectedSales(emulator: LightspeedEmulator) {
  return emulator.store.sales
    .map((s) => ({
      id: String(s.saleID),
      amount_cents: s.subtotalCents,
      tax_cents: s.tax1Cents,
      total_cents: s.totalCents,
      status: expectedStatus(s),
      is_archived: s.archived,
      updated_at: new Date(s.timeStamp * 1000).toISOString(),
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** The sales table in the same terms. */
export async function warehouseSales(rt: Runtime) {
  const rows = await rt.warehouse.query<Record<string, unknown>>(
    (d) => `SELECT id, amount_cents, tax_cents, total_cents, status, is_archived, updated_at FROM ${d.table(lightspeedTransactions)}`,
  );
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}
