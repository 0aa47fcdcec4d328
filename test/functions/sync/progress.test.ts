import type { StreamProgress } from '../../../functions/sync/run-stream';
import { PROGRESS_LOG_INTERVAL_MS, PROGRESS_LOG_PAGES } from '../../../functions/sync/run-stream';
import { runOne } from '../../../functions/sync/handler';
import { squareFixture } from './square-fixture';

describe('a long stream run tells how far it got', () => {
  test('progress is reported after every page, even before anything is written, and logged by time as well as by pages', async () => {
    // One batch for the whole run: without per-page progress nothing would be told until the end.
    const f = await squareFixture({ env: { SYNC_WRITE_BATCH_ROWS: '1000000' } });
    try {
      const seen: StreamProgress[] = [];
      const run = await runOne(f.rt, { source: 'square', stream: 'payments', mode: 'incremental', requestedBy: 'test' }, 'payments', (p) => {
        seen.push(p);
        // Each page takes "a while": the run must log on time even though it never reaches PROGRESS_LOG_PAGES pages.
        f.rt.clock.advance(PROGRESS_LOG_INTERVAL_MS);
      });
      expect(run.status).toBe('succeeded');
      expect(run.pages).toBeGreaterThan(5);
      expect(run.pages).toBeLessThan(PROGRESS_LOG_PAGES);
      // Every page is told, the first ones before anything is written (a window's rows are written when it ends).
      expect(new Set(seen.map((p) => p.pages))).toEqual(new Set(Array.from({ length: run.pages }, (_, i) => i + 1)));
      expect(seen[0]).toMatchObject({ pages: 1, rowsWritten: 0 });
      expect(seen[0].rowsRead).toBeGreaterThan(0);
      const logged = f.rt.logs.filter((l) => l.message === 'sync progress');
      expect(logged.length).toBeGreaterThanOrEqual(run.pages - 1);
      expect(logged.at(-1)).toMatchObject({ stream: 'payments', rowsRead: expect.any(Number) });
    } finally {
      await f.close();
    }
  });
});
