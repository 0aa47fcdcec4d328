import { connectorFor } from '@shared/sources/registry';
import { syncState } from '@shared/warehouse/schema/ops';
import { type DashboardServer, createDashboardRuntime, serveDashboard } from './support';

describe('the dashboard during the first backfill', () => {
  let rt: ReturnType<typeof createDashboardRuntime>['rt'];
  let server: DashboardServer;
  const square = connectorFor('square').streams.map((s) => s.name);
  const synced = (stream: string) => ({
    source: 'square',
    stream,
    watermark: rt.clock.now().toISOString(),
    last_run_id: `run-${stream}`,
    last_success_at: rt.clock.now().toISOString(),
    updated_at: rt.clock.now().toISOString(),
  });
  const dashboard = async () => {
    // Past the cache's fresh and stale windows, so each call sees the warehouse as it is now.
    rt.clock.advance(120_000);
    return (await server.get('/api/bigquery/dashboard')).body;
  };

  beforeAll(async () => {
    // Square configured (its emulator's address), Lightspeed not: only Square's streams are expected.
    ({ rt } = createDashboardRuntime({ SQUARE_BASE_URL: 'http://127.0.0.1:9/square' }));
    server = await serveDashboard(rt);
  });
  afterAll(async () => {
    await server.close();
    await rt.warehouse.close();
  });

  test('marks its figures partial, naming the pending streams, until every stream has finished once', async () => {
    expect(await dashboard()).toMatchObject({ partial: true, pendingStreams: square.map((s) => `square/${s}`) });

    await rt.warehouse.upsert(syncState, square.slice(0, -1).map(synced));
    expect(await dashboard()).toMatchObject({ partial: true, pendingStreams: [`square/${square.at(-1)}`] });

    await rt.warehouse.upsert(syncState, [synced(square.at(-1) as string)]);
    expect(await dashboard()).toMatchObject({ partial: false, pendingStreams: [], mode: 'live' });
  });
});
