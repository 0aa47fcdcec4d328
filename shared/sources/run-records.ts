import type { Runtime } from '../runtime';
import { syncRuns, syncState } from '../warehouse/schema/ops';

/** A run record as it is written to ops.sync_runs. */
export type SyncRunRow = typeof syncRuns.row;

/** The committed watermark of a stream, or null before its first successful run. */
export async function readWatermark(rt: Runtime, source: string, stream: string): Promise<Date | null> {
  const rows = await rt.warehouse.query<{ watermark: string }>(
    (d) => `SELECT watermark FROM ${d.table(syncState)} WHERE source = ${d.param('source')} AND stream = ${d.param('stream')}`,
    { params: { source, stream } },
  );
  return rows[0] ? new Date(rows[0].watermark) : null;
}

/** Commits a stream's watermark: only after every row up to it is in the warehouse. */
export async function commitWatermark(rt: Runtime, run: SyncRunRow, watermark: Date): Promise<void> {
  const now = rt.clock.now().toISOString();
  await rt.warehouse.upsert(syncState, [
    { source: run.source, stream: run.stream, watermark: watermark.toISOString(), last_run_id: run.run_id, last_success_at: now, updated_at: now },
  ]);
}

/** Writes (or rewrites) a run record; the newest version of a run wins. */
export async function saveRun(rt: Runtime, run: SyncRunRow): Promise<void> {
  await rt.warehouse.upsert(syncRuns, [{ ...run, updated_at: rt.clock.now().toISOString() }]);
}
