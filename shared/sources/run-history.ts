import type { Runtime } from '../runtime';
import type { SyncRunRow } from './run-records';
import { syncRuns } from '../warehouse/schema/ops';

// Apart from run-records.ts, which writes: code that only lists runs (the ops function) bundles no write to them.

/** The latest runs, newest first. */
export async function listRuns(rt: Runtime, filter: { source?: string; requestId?: string; limit: number }): Promise<SyncRunRow[]> {
  return rt.warehouse.query<SyncRunRow>(
    (d) => `SELECT * FROM ${d.table(syncRuns)}
      WHERE started_at >= ${d.timestampSub(d.param('now'), '90', 'day')}
        AND (${d.param('source')} = '' OR source = ${d.param('source')})
        AND (${d.param('requestId')} = '' OR request_id = ${d.param('requestId')})
      ORDER BY started_at DESC, stream
      LIMIT ${d.param('limit')}`,
    { params: { now: rt.clock.now(), source: filter.source ?? '', requestId: filter.requestId ?? '', limit: filter.limit } },
  );
}
