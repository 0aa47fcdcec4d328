import { createHttpHandler } from '@shared/http/router';
import { SOURCE_NAMES, streamNames } from '@shared/sources/registry';
import { listSyncRunsRoute, triggerSyncRoute } from '../../../functions/ops/sync-routes';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

describe('POST /api/sync/:source', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof serve>>;
  let token: string;
  const source = SOURCE_NAMES[0];
  const [stream] = streamNames(source);

  beforeAll(async () => {
    rt = createTestRuntime();
    server = await serve(createHttpHandler({ name: 'ops', routes: [listSyncRunsRoute, triggerSyncRoute], runtime: () => rt }));
    token = await tokenFor(rt, 'ops-1', 'admin');
  });
  afterAll(async () => {
    await server.close();
    await rt.warehouse.close();
  });
  beforeEach(() => rt.bus.published.splice(0));

  const post = (path: string, json: unknown) => call(`${server.url}${path}`, { method: 'POST', token, json });

  it('queues a sync request of one stream, typed by its topic, with the source and stream as attributes', async () => {
    const res = await post(`/api/sync/${source}`, { mode: 'full', stream });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ source, mode: 'full', status: 'queued', runId: expect.any(String) });
    expect(rt.bus.published).toEqual([
      expect.objectContaining({
        topic: 'sync-requests',
        data: { source, stream, mode: 'full', requestedBy: 'admin:ops-1', requestId: res.body.runId },
        attributes: { source, stream },
      }),
    ]);
  });

  it.each([
    ['a stream the source does not have', `/api/sync/${source}`, { stream: 'nope' }, 400, 'UNKNOWN_STREAM'],
    ['a source that does not exist', '/api/sync/clover', {}, 404, 'UNKNOWN_SOURCE'],
    ['an unknown mode', `/api/sync/${source}`, { mode: 'partial' }, 400, 'VALIDATION_ERROR'],
  ])('refuses %s, queuing nothing', async (_case, path, json, status, code) => {
    const res = await post(path, json);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, code });
    expect(rt.bus.published).toEqual([]);
  });
});
