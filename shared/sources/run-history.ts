import type { Runtime } from '../runtime';
import type { SyncRunRow } from './run-records';
import { syncRuns } from '../warehouse/schema/ops';
import { streamIsRunning } from './stream-lock';

// Apart from run-records.ts, which writes: code that only lists runs (the ops function) bundles no write to them.

/**
 * The latest runs, newest first. `id` is the id a sync request was answered with (every run it started carries it) or
 * one run's own id.
 */
export async function listRuns(rt: Runtime, filter: { source?: string; id?: string; limit: number }): Promise<SyncRunRow[]> {
  return rt.warehouse.query<SyncRunRow>(
    (d) => `SELECT * FROM ${d.table(syncRuns)}
      WHERE started_at >= ${d.timestampSub(d.param('now'), '90', 'day')}
        AND (${d.param('source')} = '' OR source = ${d.param('source')})
        AND (${d.param('id')} = '' OR request_id = ${d.param('id')} OR run_id = ${d.param('id')})
      ORDER BY started_at DESC, stream
      LIMIT ${d.param('limit')}`,
    { params: { now: rt.clock.now(), source: filter.source ?? '', id: filter.id ?? '', limit: filter.limit } },
  );
}

/** A run in progress, as an operator needs it to follow or wait for it. */
export interface RunningRun {
  stream: string;
  runId: string | null;
  requestId: string | null;
  startedAt: string | null;
}

/**
 * The runs in progress of the given streams of a source: a stream is running while a run holds its lock; the run is
 * its latest record still `running` (null ids in the moment between taking the lock and writing the record).
 */
export async function runningRuns(rt: Runtime, source: string, streams: readonly string[]): Promise<RunningRun[]> {
  const held = await Promise.all(streams.map((stream) => streamIsRunning(rt.kv, source, stream)));
  const running = streams.filter((_, i) => held[i]);
  if (running.length === 0) return [];
  const rows = await rt.warehouse.query<{ run_id: string; request_id: string | null; stream: string; started_at: string }>(
    (d) => `SELECT run_id, request_id, stream, started_at FROM ${d.table(syncRuns)}
      WHERE started_at >= ${d.timestampSub(d.param('now'), '1', 'day')} AND source = ${d.param('source')} AND status = 'running'
      ORDER BY started_at DESC`,
    { params: { now: rt.clock.now(), source } },
  );
  return running.map((stream) => {
    const row = rows.find((r) => r.stream === stream);
    return { stream, runId: row?.run_id ?? null, requestId: row?.request_id ?? null, startedAt: row?.started_at ?? null };
  });
}
