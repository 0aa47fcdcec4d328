import type { Runtime } from '@shared/runtime';
import { CONNECTORS } from '@shared/sources/registry';
import { listRuns } from '@shared/sources/run-history';

/**
 * Asks for a sync of every configured source, as the scheduler will every 15 minutes, and reports each stream's
 * first run when it ends, so a developer watching `npm start` sees the backfill land.
 */
export async function startFirstSync(rt: Runtime, print: (line: string) => void): Promise<() => void> {
  const requestIds: string[] = [];
  let expected = 0;
  for (const connector of CONNECTORS) {
    if (connector.mode(rt.config) === 'not-configured') continue;
    const source = connector.name;
    expected += connector.streams.length;
    const requestId = `startup-${source}-${Date.now()}`;
    requestIds.push(requestId);
    await rt.bus.publish('sync-requests', { source, mode: 'incremental', requestedBy: 'startup', requestId });
  }
  const reported = new Set<string>();
  const timer = setInterval(() => {
    void (async () => {
      for (const requestId of requestIds) {
        const runs = await listRuns(rt, { id: requestId, limit: 50 });
        for (const run of runs) {
          if (run.status === 'running' || reported.has(run.run_id)) continue;
          reported.add(run.run_id);
          const seconds = ((run.duration_ms ?? 0) / 1000).toFixed(1);
          print(
            run.status === 'succeeded'
              ? `  ✓ ${run.source}/${run.stream}: ${run.rows_written.toLocaleString('en-US')} rows in ${seconds} s (${run.mode})`
              : `  ✗ ${run.source}/${run.stream}: ${run.status} — ${run.error}`,
          );
        }
      }
      if (reported.size >= expected) clearInterval(timer);
    })().catch(() => undefined);
  }, 2000);
  timer.unref();
  return () => clearInterval(timer);
}
