import type { Runtime } from '../runtime';
import type { Dialect } from '../warehouse/dialect';
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

/** What an abandoned run record says happened to it. */
export const ABANDONED_ERROR = 'the run ended without finishing its record (its instance stopped); its lock expired';

/**
 * Marks the stream's earlier runs still recorded as `running` as `abandoned`, and returns their ids. Call only while
 * holding the stream's lock: then no other run of the stream is alive, so a `running` record is one whose instance
 * was killed (its lock lapsed without an end being written). The watermark never moved for them: nothing is lost.
 */
export async function abandonUnfinishedRuns(rt: Runtime, current: SyncRunRow): Promise<string[]> {
  const params = { source: current.source, stream: current.stream, runId: current.run_id, now: rt.clock.now() };
  const where = (d: Dialect) => `started_at >= ${d.timestampSub(d.param('now'), '90', 'day')}
  AND source = ${d.param('source')} AND stream = ${d.param('stream')} AND status = 'running' AND run_id <> ${d.param('runId')}`;
  const stale = await rt.warehouse.query<{ run_id: string }>((d) => `SELECT run_id FROM ${d.table(syncRuns)} WHERE ${where(d)}`, { params });
  if (stale.length === 0) return [];
  await rt.warehouse.query(
    (d) => `UPDATE ${d.table(syncRuns)} SET status = 'abandoned', error = ${d.param('error')}, updated_at = ${d.param('now')}
WHERE ${where(d)}`,
    { params: { ...params, error: ABANDONED_ERROR } },
  );
  return stale.map((r) => r.run_id);
}
