import { ManualClock } from '@shared/clock';
import { startSquareEmulator } from '../../../scripts/emulators/square';
import { runOne } from '../../../functions/sync/handler';
import { streamNames } from '@shared/sources/registry';
import { createTestRuntime } from '../../support/runtime';

const START = '2026-03-15T17:00:00Z';

/** A small Square shop on the emulator and a runtime syncing it into an in-memory DuckDB; both on one clock. */
export async function squareFixture(options: { token?: string; env?: Record<string, string>; payments?: number; secrets?: Record<string, string> } = {}) {
  let clock = new ManualClock(START);
  const emulator = await startSquareEmulator({ payments: options.payments ?? 2500, items: 40, customers: 120, locations: 3, days: 500, seed: 7, now: () => clock.now() });
  const rt = createTestRuntime(
    {
      SQUARE_BASE_URL: emulator.url,
      SQUARE_MAX_RPS: '2000',
      SQUARE_BACKFILL_DAYS: '730',
      SYNC_BACKFILL_WINDOWS: '4',
      SYNC_OVERLAP_MINUTES: '10',
      ...options.env,
    },
    START,
    { SQUARE_ACCESS_TOKEN: options.token ?? emulator.accessToken, ...options.secrets },
  );
  clock = rt.clock;
  return {
    rt,
    emulator,
    async close() {
      await emulator.close();
      await rt.warehouse.close();
    },
  };
}

/** Runs every Square stream once, as the fan-out would, and returns the run records. */
export function syncAll(rt: ReturnType<typeof createTestRuntime>, mode: 'incremental' | 'full' = 'incremental') {
  return Promise.all(streamNames('square').map((stream) => runOne(rt, { source: 'square', stream, mode, requestedBy: 'test' }, stream)));
}
