import { readCacheStats } from '@shared/cache/cache-stats';
import { WAREHOUSE_CACHE } from '@shared/cache/namespaces';
import { dashboardCaches } from '../../../functions/dashboard/cached-answer';
import { generateShop, loadShop } from './shop-ground-truth';
import { type CountingWarehouse, type DashboardServer, createDashboardRuntime, serveDashboard } from './support';

const FRESH_MS = 30_000;
const STALE_MS = 60_000;

describe('the dashboard cache in front of the warehouse', () => {
  let rt: ReturnType<typeof createDashboardRuntime>['rt'];
  let warehouse: CountingWarehouse;
  let server: DashboardServer;

  beforeEach(async () => {
    ({ rt, warehouse } = createDashboardRuntime({}, '2026-03-10T18:00:00Z'));
    await loadShop(warehouse, generateShop(7));
    server = await serveDashboard(rt);
    warehouse.queries = 0;
  });

  afterEach(async () => {
    await dashboardCaches(server.rt).warehouse.settled();
    await server.close();
    await rt.warehouse.close();
  });

  /** Resolves once the cache has counted `n` misses: that many requests are waiting for the one query. */
  async function missesReach(n: number) {
    while ((await readCacheStats(rt.kv, WAREHOUSE_CACHE)).misses < n) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** n simultaneous GETs; resolves with every answer. */
  const burst = (n: number, path = '/api/bigquery/dashboard', target: DashboardServer = server) => Promise.all(Array.from({ length: n }, () => target.get(path)));

  it('500 concurrent requests on a cold cache cause exactly one warehouse query, and all get its figures', async () => {
    const release = warehouse.hold(); // keep the query in flight until every request has arrived
    const pending = burst(500);
    await missesReach(500);
    release();
    const answers = await pending;
    expect(warehouse.queries).toBe(1);
    expect(answers.every((a) => a.status === 200 && a.body.mode === 'live')).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.metrics))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('x-cache') === 'MISS')).toHaveLength(500);
  });

  it('500 concurrent requests on an expired cache cause exactly one more query', async () => {
    await server.get('/api/bigquery/dashboard');
    rt.clock.advance(FRESH_MS + STALE_MS + 1);
    const release = warehouse.hold();
    const pending = burst(500);
    await missesReach(501);
    release();
    const answers = await pending;
    expect(warehouse.queries).toBe(2);
    expect(answers.every((a) => a.status === 200 && a.body.lastRefresh === rt.clock.now().toISOString())).toBe(true);
  });

  it('two instances sharing kv answer 250 concurrent cold requests each with one query between them', async () => {
    const other = await serveDashboard(rt, { instanceOf: true });
    try {
      const release = warehouse.hold();
      const pending = Promise.all([burst(250), burst(250, '/api/bigquery/dashboard', other)]);
      await missesReach(500);
      release();
      const answers = await pending;
      expect(warehouse.queries).toBe(1);
      expect(answers.flat().every((a) => a.status === 200)).toBe(true);
    } finally {
      await dashboardCaches(other.rt).warehouse.settled();
      await other.close();
    }
  });

  it('is fresh for 30 s without touching the warehouse', async () => {
    const first = await server.get('/api/bigquery/dashboard');
    rt.clock.advance(FRESH_MS - 1);
    const again = await burst(20);
    expect(warehouse.queries).toBe(1);
    expect(again.every((a) => a.headers.get('x-cache') === 'HIT' && a.body.lastRefresh === first.body.lastRefresh)).toBe(true);
  });

  it('serves stale answers for up to 60 s more while exactly one background refresh runs', async () => {
    const first = await server.get('/api/bigquery/dashboard');
    rt.clock.advance(FRESH_MS + 1);
    const release = warehouse.hold(); // the refresh stays in flight for the whole burst
    const stale = await burst(200);
    expect(stale.every((a) => a.headers.get('x-cache') === 'STALE' && a.body.lastRefresh === first.body.lastRefresh)).toBe(true);
    release();
    await dashboardCaches(server.rt).warehouse.settled();
    expect(warehouse.queries).toBe(2);
    const refreshed = await server.get('/api/bigquery/dashboard');
    expect(refreshed.headers.get('x-cache')).toBe('HIT');
    expect(refreshed.body.lastRefresh).toBe(rt.clock.now().toISOString());
  });

  it('a throwing warehouse yields the last good answer with mode degraded and the error', async () => {
    const good = await server.get('/api/bigquery/dashboard');
    warehouse.failure = new Error('BigQuery: quota exceeded');

    rt.clock.advance(FRESH_MS + 1);
    const whileRefreshing = await server.get('/api/bigquery/dashboard');
    expect(whileRefreshing.body).toMatchObject({ mode: 'live', metrics: good.body.metrics });
    await dashboardCaches(server.rt).warehouse.settled();

    const afterFailedRefresh = await server.get('/api/bigquery/dashboard');
    expect(afterFailedRefresh.status).toBe(200);
    expect(afterFailedRefresh.body).toMatchObject({
      mode: 'degraded',
      metrics: good.body.metrics,
      lastRefresh: good.body.lastRefresh,
      error: { message: 'BigQuery: quota exceeded' },
    });

    // Past the stale window too: still the last good figures, never a 5xx and never made-up numbers.
    rt.clock.advance(10 * 60_000);
    const long = await burst(50);
    expect(long.every((a) => a.status === 200 && a.body.mode === 'degraded' && a.headers.get('x-cache') === 'FALLBACK')).toBe(true);
    expect(long.every((a) => JSON.stringify(a.body.metrics) === JSON.stringify(good.body.metrics))).toBe(true);

    warehouse.failure = null;
    rt.clock.advance(5_001); // past the pause after a failure
    const recovered = await server.get('/api/bigquery/dashboard');
    expect(recovered.body).toMatchObject({ mode: 'live', lastRefresh: rt.clock.now().toISOString() });
    expect(recovered.body.error).toBeUndefined();
  });

  it('with no good answer yet, a failing warehouse gives 503 WAREHOUSE_UNAVAILABLE (one attempt for a burst)', async () => {
    warehouse.failure = new Error('connection refused');
    const release = warehouse.hold();
    const pending = burst(100);
    await missesReach(100);
    release();
    const answers = await pending;
    expect(warehouse.queries).toBe(1);
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(a.body).toMatchObject({ success: false, code: 'WAREHOUSE_UNAVAILABLE', details: { error: 'connection refused' } });
      expect(a.headers.get('retry-after')).toBe('5');
    }
  });

  it('invalidation makes the next read query again; the old answer remains the fallback', async () => {
    const before = await server.get('/api/bigquery/dashboard');
    const invalidate = await server.post('/api/bigquery/cache/invalidate', { scope: 'warehouse' });
    expect(invalidate.body).toMatchObject({ success: true, invalidated: ['warehouse'] });
    rt.clock.advance(1000);
    const after = await server.get('/api/bigquery/dashboard');
    expect(warehouse.queries).toBe(2);
    expect(after.headers.get('x-cache')).toBe('MISS');

    await server.post('/api/bigquery/cache/invalidate', {});
    warehouse.failure = new Error('down');
    const fallback = await server.get('/api/bigquery/dashboard');
    expect(fallback.status).toBe(200);
    expect(fallback.body).toMatchObject({ mode: 'degraded', metrics: before.body.metrics, lastRefresh: after.body.lastRefresh });
  });

  it('cache-stats counts hits, misses, stale serves, refreshes, warehouse queries and errors', async () => {
    await burst(3); // one miss (shared by three callers)
    rt.clock.advance(FRESH_MS + 1);
    await server.get('/api/bigquery/dashboard'); // stale + a refresh
    await dashboardCaches(server.rt).warehouse.settled();
    await server.get('/api/bigquery/dashboard'); // hit
    const res = await server.get('/api/bigquery/cache-stats');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ backend: 'memory', freshSeconds: 30, staleSeconds: 60 });
    expect(res.body.warehouse).toMatchObject({ misses: 3, staleServes: 1, refreshes: 1, warehouseQueries: 2, errors: 0, hits: 1, hitRate: 0.4 });
  });
});
