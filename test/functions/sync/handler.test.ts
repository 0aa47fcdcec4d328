import { LocalBus } from '@shared/bus/local';
import { handleSyncRequest } from '../../../functions/sync/handler';
import { streamNames } from '@shared/sources/registry';
import { createTestRuntime } from '../../support/runtime';

describe('sync requests', () => {
  test('a source-level request fans out one message per stream, all carrying its request id', async () => {
    const rt = createTestRuntime({ SQUARE_BASE_URL: 'http://127.0.0.1:9' });
    const runs = await handleSyncRequest(rt, { source: 'square', mode: 'incremental', requestedBy: 'test', requestId: 'req-1' });
    expect(runs).toEqual([]);
    const published = (rt.bus as LocalBus).published.map((m) => m.data);
    expect(published).toEqual(
      streamNames('square').map((stream) => ({ source: 'square', stream, mode: 'incremental', requestedBy: 'test', requestId: 'req-1' })),
    );
    await rt.warehouse.close();
  });

  test('a source the shop has not configured is acknowledged without runs or failures', async () => {
    const rt = createTestRuntime();
    expect(await handleSyncRequest(rt, { source: 'lightspeed', mode: 'incremental', requestedBy: 'scheduler' })).toEqual([]);
    expect((rt.bus as LocalBus).published).toEqual([]);
    expect(await rt.warehouse.query((d) => `SELECT * FROM ${d.table('ops.sync_runs')}`)).toEqual([]);
    expect(rt.logs.some((l) => l.message === 'source not configured; nothing to sync')).toBe(true);
    await rt.warehouse.close();
  });

  test('an unknown stream is logged and acknowledged', async () => {
    const rt = createTestRuntime({ SQUARE_BASE_URL: 'http://127.0.0.1:9' });
    expect(await handleSyncRequest(rt, { source: 'square', stream: 'orders', mode: 'incremental', requestedBy: 'test' })).toEqual([]);
    expect(rt.logs.some((l) => l.severity === 'ERROR' && String(l.message).includes('unknown stream'))).toBe(true);
    await rt.warehouse.close();
  });
});
