import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import { SwrCache } from '@shared/cache/swr';
import { createHttpHandler } from '@shared/http/router';
import { syncRuns, syncState } from '@shared/warehouse/schema/ops';
import { healthRoute } from '../../../functions/ops/health-route';
import { connectorFor } from '@shared/sources/registry';
import { checkWebhooks } from '../../../functions/ops/webhook-health';
import { webhookEvents } from '@shared/warehouse/schema/webhooks';
import { call, serve } from '../../support/http';
import { HIDDEN_ERROR } from '@shared/http/error-details';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

const NOW = '2026-03-15T17:00:00.000Z';
const minutesAgo = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();

function state(source: string, stream: string, watermarkMinutesAgo: number): typeof syncState.row {
  return {
    source,
    stream,
    watermark: minutesAgo(watermarkMinutesAgo),
    last_run_id: `run-${stream}`,
    last_success_at: minutesAgo(watermarkMinutesAgo - 1),
    updated_at: minutesAgo(watermarkMinutesAgo - 1),
  };
}

function run(id: string, source: string, stream: string, status: 'succeeded' | 'failed' | 'running', startedMinutesAgo: number, error: string | null = null): typeof syncRuns.row {
  return {
    run_id: id,
    request_id: null,
    source,
    stream,
    mode: 'incremental',
    status,
    rows_read: 10,
    rows_written: 10,
    rows_rejected: 0,
    pages: 1,
    api_calls: 1,
    retries: 0,
    duration_ms: 900,
    error,
    watermark_before: null,
    watermark_after: null,
    started_at: minutesAgo(startedMinutesAgo),
    updated_at: minutesAgo(startedMinutesAgo - 1),
  };
}

describe('GET /health', () => {
  let rt: TestRuntime;
  let server: { url: string; close(): Promise<void> };

  beforeEach(async () => {
    rt = createTestRuntime({ SQUARE_BASE_URL: 'http://127.0.0.1:9/square' }, NOW);
    server = await serve(createHttpHandler({ name: 'ops', routes: [healthRoute], runtime: () => rt }));
  });

  afterEach(async () => {
    await server.close();
    await rt.warehouse.close();
  });

  it('on a fresh system: healthy, every source never synced, the warehouse live with no refresh yet, webhooks idle', async () => {
    const res = await call(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      status: 'healthy',
      service: 'commerce-backend',
      time: NOW,
      warehouse: { backend: 'duckdb', mode: 'live', lastRefresh: null, lastError: null, cacheBackend: 'memory' },
      sources: {
        square: { mode: 'emulator', status: 'never-synced', lastSuccessfulSync: null, lagSeconds: null },
        lightspeed: { mode: 'not-configured', status: 'never-synced', lagSeconds: null },
      },
      webhooks: { status: 'idle', lastReceivedAt: null },
    });
    // Every stream of a configured source is listed, pending until its first run finishes; none of one that is not.
    expect(res.body.sources.square.streams).toEqual(
      connectorFor('square').streams.map((s) => s.name).sort().map((stream) => ({ stream, status: 'pending', watermark: null, lastSuccessfulSync: null, lagSeconds: null })),
    );
    expect(res.body.sources.lightspeed.streams).toEqual([]);
  });

  it('reports each source’s lag from ops.sync_state (its stalest stream) and its 24-hour success rate from ops.sync_runs', async () => {
    await rt.warehouse.upsert(syncState, [state('square', 'payments', 10), state('square', 'refunds', 50), state('square', 'items', 12)]);
    await rt.warehouse.upsert(syncRuns, [
      run('r1', 'square', 'payments', 'succeeded', 70),
      run('r2', 'square', 'refunds', 'failed', 40, 'HTTP 503: Service Unavailable'),
      run('r3', 'square', 'payments', 'succeeded', 25),
      run('r4', 'square', 'items', 'succeeded', 13),
      run('r5', 'square', 'payments', 'running', 1),
      run('old', 'square', 'payments', 'failed', 25 * 60, 'a day and more ago'),
    ]);
    const res = await call(`${server.url}/health`, { token: await tokenFor(rt, 'ops-1', 'admin') });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.sources.square).toMatchObject({
      mode: 'emulator',
      status: 'degraded', // 50 minutes behind: over the 45-minute alert
      lagSeconds: 50 * 60,
      lastSuccessfulSync: minutesAgo(9),
      runs24h: { succeeded: 3, failed: 1, abandoned: 0, successRate: 0.75 },
      lastError: { stream: 'refunds', message: 'HTTP 503: Service Unavailable', at: minutesAgo(39) },
    });
    // Every stream is listed: those that never finished a run as pending.
    const pending = { status: 'pending', watermark: null, lastSuccessfulSync: null, lagSeconds: null };
    expect(res.body.sources.square.streams).toEqual([
      { stream: 'customers', ...pending },
      { stream: 'items', status: 'synced', watermark: minutesAgo(12), lastSuccessfulSync: minutesAgo(11), lagSeconds: 12 * 60 },
      { stream: 'locations', ...pending },
      { stream: 'payments', status: 'synced', watermark: minutesAgo(10), lastSuccessfulSync: minutesAgo(9), lagSeconds: 10 * 60 },
      { stream: 'refunds', status: 'synced', watermark: minutesAgo(50), lastSuccessfulSync: minutesAgo(49), lagSeconds: 50 * 60 },
    ]);
  });

  it.each<[string, string, number[], Array<'succeeded' | 'failed'>]>([
    ['every stream within 45 minutes and every run succeeding', 'healthy', [10, 20], ['succeeded', 'succeeded']],
    ['a stream 46 minutes behind', 'degraded', [10, 46], ['succeeded']],
    ['fewer than 90 % of runs succeeding', 'degraded', [10, 20], ['succeeded', 'succeeded', 'failed']],
    ['fewer than half of the runs succeeding', 'unhealthy', [10, 20], ['succeeded', 'failed', 'failed']],
    ['some streams synced and the others still pending', 'backfilling', [10], ['succeeded']],
  ])('a source with %s is %s', async (_case, expected, lags, statuses) => {
    // The first streams carry the given lags; the rest are synced a minute ago unless the case leaves them pending.
    const streams = connectorFor('square').streams.map((s) => s.name);
    const allSynced = expected !== 'backfilling';
    const synced = allSynced ? streams.map((stream, i) => state('square', stream, lags[i] ?? 1)) : lags.map((lag, i) => state('square', streams[i], lag));
    await rt.warehouse.upsert(syncState, synced);
    await rt.warehouse.upsert(syncRuns, statuses.map((status, i) => run(`r${i}`, 'square', streams[0], status, 5 + i, status === 'failed' ? 'boom' : null)));
    const res = await call(`${server.url}/health`);
    expect(res.body.sources.square.status).toBe(expected);
  });

  it('shows the dashboard’s last warehouse refresh, and degraded with the error once a refresh fails', async () => {
    const cache = new SwrCache({ kv: rt.kv, clock: rt.clock, log: rt.log }, WAREHOUSE_CACHE, { freshMs: 30_000, staleMs: 60_000 });
    await cache.read('dashboard', async () => ({ figures: 1 }));
    let res = await call(`${server.url}/health`);
    expect(res.body.warehouse).toMatchObject({ mode: 'live', lastRefresh: NOW, lastError: null });

    rt.clock.advance(120_000);
    await cache.read('dashboard', async () => {
      throw new Error('Access Denied: dataset commerce');
    });
    res = await call(`${server.url}/health`, { token: await tokenFor(rt, 'ops-1', 'admin') });
    expect(res.body.status).toBe('degraded');
    expect(res.body.warehouse).toMatchObject({ mode: 'degraded', lastRefresh: NOW, lastError: { message: 'Access Denied: dataset commerce' } });
  });

  it('is unhealthy (503) when the warehouse is unreachable, with the error as the warehouse’s last error', async () => {
    rt.warehouse.ping = async () => {
      throw new Error('warehouse gone');
    };
    const res = await call(`${server.url}/health`, { token: await tokenFor(rt, 'ops-1', 'admin') });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unhealthy', warehouse: { mode: 'degraded', lastError: { message: 'warehouse gone' } } });
  });

  it('shows anyone that and where something failed, but error texts only to admins', async () => {
    await rt.warehouse.upsert(syncRuns, [run('r1', 'square', 'refunds', 'failed', 5, 'HTTP 401: token sq0atp-expired for merchant M-123')]);
    for (const token of [undefined, await tokenFor(rt, 'cust-1', 'customer'), 'not-a-token']) {
      const res = await call(`${server.url}/health`, { token });
      expect(res.body.sources.square.lastError).toEqual({ stream: 'refunds', message: HIDDEN_ERROR, at: minutesAgo(4) });
      expect(res.text).not.toContain('sq0atp');
    }
    const admin = await call(`${server.url}/health`, { token: await tokenFor(rt, 'ops-1', 'admin') });
    expect(admin.body.sources.square.lastError.message).toBe('HTTP 401: token sq0atp-expired for merchant M-123');
  });

  it('names each source’s mode from the same settings its client uses', () => {
    const cfg = (env: Record<string, string>) => createTestRuntime(env).config;
    const square = connectorFor('square');
    const lightspeed = connectorFor('lightspeed');
    expect(square.mode(cfg({}))).toBe('production');
    expect(square.mode(cfg({ SQUARE_ENVIRONMENT: 'sandbox' }))).toBe('sandbox');
    expect(square.mode(cfg({ SQUARE_BASE_URL: 'http://127.0.0.1:9' }))).toBe('emulator');
    expect(lightspeed.mode(cfg({}))).toBe('not-configured');
    expect(lightspeed.mode(cfg({ LIGHTSPEED_ACCOUNT_ID: '12345' }))).toBe('production');
    expect(lightspeed.mode(cfg({ LIGHTSPEED_ACCOUNT_ID: '12345', LIGHTSPEED_BASE_URL: 'http://127.0.0.1:9' }))).toBe('emulator');
  });

  it('counts webhook events of the last 24 hours by status from the webhook ledger', async () => {
    const event = (id: string, status: string, minutes: number) => ({
      id, provider: 'square', event_id: id, event_type: 'payment.updated', status, attempts: 1, last_error: null, processing_ms: 12,
      payload_bytes: 10, payload_sealed: 'v1.x.y.z', source_ip: '192.0.2.1', received_at: minutesAgo(minutes), processed_at: null, updated_at: minutesAgo(minutes),
    });
    await rt.warehouse.append(webhookEvents, [
      event('a', 'processed', 5),
      event('b', 'ignored', 30),
      event('c', 'dead', 60),
      event('e', 'received', 1), // still on its way: neither success nor failure
      event('d', 'processed', 2000), // older than a day
    ]);
    expect(await checkWebhooks(rt)).toEqual({
      status: 'degraded',
      last24h: { received: 4, failed: 1, successRate: 0.6667, byStatus: { processed: 1, ignored: 1, dead: 1, received: 1 } },
      lastReceivedAt: minutesAgo(1),
    });
  });
});
