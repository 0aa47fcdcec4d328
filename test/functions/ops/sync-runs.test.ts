import { createHttpHandler } from '@shared/http/router';
import { ABANDONED_ERROR, type SyncRunRow, saveRun } from '@shared/sources/run-records';
import { streamLockKey } from '@shared/sources/stream-lock';
import { streamNames } from '@shared/sources/registry';
import { healthRoute } from '../../../functions/ops/health-route';
import { listSyncRunsRoute, triggerSyncRoute } from '../../../functions/ops/sync-routes';
import { runOne } from '../../../functions/sync/handler';
import { squareFixture } from '../sync/square-fixture';
import { call, serve } from '../../support/http';
import { tokenFor } from '../../support/runtime';

const MINUTE = 60_000;

/** A run record as an instance leaves it when it is killed mid-run: `running`, never finished. */
function runningRecord(runId: string, stream: string, startedAt: Date): SyncRunRow {
  return {
    run_id: runId,
    request_id: `req-${runId}`,
    source: 'square',
    stream,
    mode: 'incremental',
    status: 'running',
    rows_read: 0,
    rows_written: 0,
    rows_rejected: 0,
    pages: 0,
    api_calls: 0,
    retries: 0,
    duration_ms: null,
    error: null,
    watermark_before: null,
    watermark_after: null,
    started_at: startedAt.toISOString(),
    updated_at: startedAt.toISOString(),
  };
}

describe('sync runs an operator can trust', () => {
  let f: Awaited<ReturnType<typeof squareFixture>>;
  let server: { url: string; close(): Promise<void> };
  let admin: string;
  const api = (path: string, init: { method?: string; json?: unknown } = {}) => call(`${server.url}${path}`, { ...init, token: admin });

  beforeEach(async () => {
    f = await squareFixture({ payments: 200 });
    server = await serve(
      createHttpHandler({ name: 'ops', routes: [healthRoute, listSyncRunsRoute, triggerSyncRoute], runtime: () => f.rt }),
    );
    admin = await tokenFor(f.rt, 'ops-1', 'admin');
  });
  afterEach(async () => {
    await server.close();
    await f.close();
  });

  test('a run killed mid-way is marked abandoned by the next run of its stream, once its lock has lapsed; runs and health say so', async () => {
    const killedAt = f.rt.clock.now();
    await saveRun(f.rt, runningRecord('killed-1', 'locations', killedAt));
    // The killed instance's lock is still there: the next run is skipped and the record is left alone.
    await f.rt.kv.acquireLock(streamLockKey('square', 'locations'), 10 * MINUTE);
    const skipped = await runOne(f.rt, { source: 'square', stream: 'locations', mode: 'incremental', requestedBy: 'test' }, 'locations');
    expect(skipped.status).toBe('skipped');
    expect((await api('/api/sync/runs?runId=killed-1')).body.runs).toEqual([expect.objectContaining({ run_id: 'killed-1', status: 'running' })]);

    // The lock lapses (its run cannot be alive any more): the next run marks the record abandoned and goes on.
    f.rt.clock.advance(11 * MINUTE);
    const next = await runOne(f.rt, { source: 'square', stream: 'locations', mode: 'incremental', requestedBy: 'test' }, 'locations');
    expect(next.status).toBe('succeeded');
    const [killed] = (await api('/api/sync/runs?runId=killed-1')).body.runs;
    expect(killed).toMatchObject({ run_id: 'killed-1', status: 'abandoned', error: ABANDONED_ERROR });
    expect(f.rt.logs.some((l) => l.message === 'earlier runs of this stream never finished; marked abandoned')).toBe(true);

    const health = await api('/health');
    expect(health.body.sources.square.runs24h).toMatchObject({ succeeded: 1, failed: 0, abandoned: 1, successRate: 0.5 });
    expect(health.body.sources.square.lastError).toMatchObject({ stream: 'locations', message: ABANDONED_ERROR });
  });

  test('the id a manual sync answers with finds every run it started, and a run’s own id finds that run', async () => {
    const res = await api('/api/sync/square', { method: 'POST', json: { stream: 'locations' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', streams: ['locations'], alreadyRunning: [], runs: `/api/sync/runs?runId=${res.body.runId}` });
    // The local bus delivers the queued message to nobody here: run it as the sync function would.
    const [message] = f.rt.bus.published.filter((m) => m.topic === 'sync-requests').map((m) => m.data as { requestId: string });
    expect(message.requestId).toBe(res.body.runId);
    const run = await runOne(f.rt, { source: 'square', stream: 'locations', mode: 'incremental', requestedBy: 'test', requestId: message.requestId }, 'locations');
    expect((await api(res.body.runs)).body.runs.map((r: SyncRunRow) => r.run_id)).toEqual([run.run_id]);
    expect((await api(`/api/sync/runs?runId=${run.run_id}`)).body.runs.map((r: SyncRunRow) => r.run_id)).toEqual([run.run_id]);
  });

  test('a manual sync while every stream asked for is running answers 409 with the running runs, and queues only idle ones', async () => {
    const streams = streamNames('square');
    const startedAt = f.rt.clock.now();
    for (const stream of streams) {
      await saveRun(f.rt, runningRecord(`live-${stream}`, stream, startedAt));
      await f.rt.kv.acquireLock(streamLockKey('square', stream), 10 * MINUTE);
    }
    const all = await api('/api/sync/square', { method: 'POST', json: {} });
    expect(all.status).toBe(409);
    expect(all.body).toMatchObject({ success: false, code: 'SYNC_ALREADY_RUNNING' });
    expect(all.body.details.runs).toEqual(
      expect.arrayContaining(streams.map((stream) => ({ stream, runId: `live-${stream}`, requestId: `req-live-${stream}`, startedAt: startedAt.toISOString() }))),
    );
    expect((await api('/api/sync/square', { method: 'POST', json: { stream: 'payments' } })).status).toBe(409);
    expect(f.rt.bus.published).toEqual([]);

    // One stream free again: only it is queued, and the answer says which ones were left running.
    await f.rt.kv.del(streamLockKey('square', 'items'));
    const some = await api('/api/sync/square', { method: 'POST', json: {} });
    expect(some.status).toBe(202);
    expect(some.body.streams).toEqual(['items']);
    expect(some.body.alreadyRunning.map((r: { stream: string }) => r.stream).sort()).toEqual(streams.filter((s) => s !== 'items').sort());
    expect(f.rt.bus.published.map((m) => (m.data as { stream: string }).stream)).toEqual(['items']);
  });

  test.each([
    ['an unknown stream', 'square', { stream: 'orders' }, 400, 'UNKNOWN_STREAM'],
    ['a source this shop has not configured', 'lightspeed', {}, 409, 'SOURCE_NOT_CONFIGURED'],
  ])('a manual sync of %s is refused rather than queued to do nothing', async (_case, source, json, status, code) => {
    const res = await api(`/api/sync/${source}`, { method: 'POST', json });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, code });
    expect(f.rt.bus.published).toEqual([]);
  });
});
