import type { Runtime } from '@shared/runtime';
import { integrationChecks } from '@shared/warehouse/schema/ops';
import type { Integration } from './catalog';

/** The chart periods and the bucket each is drawn in: 96, 168 and 120 points. */
export const HISTORY_PERIODS = {
  '24h': { hours: 24, bucketSeconds: 15 * 60 },
  '7d': { hours: 24 * 7, bucketSeconds: 60 * 60 },
  '30d': { hours: 24 * 30, bucketSeconds: 6 * 60 * 60 },
} as const;
export type HistoryPeriod = keyof typeof HISTORY_PERIODS;

/** One bucket of probes: how many, how many succeeded, response time mean and worst, 429s. */
export interface HistoryPoint {
  at: string;
  probes: number;
  succeeded: number;
  successRate: number;
  avgResponseMs: number | null;
  maxResponseMs: number | null;
  throttled: number;
}

/** An integration's probe history as a time series, oldest first, empty buckets left out. */
export async function integrationHistory(rt: Runtime, integration: Integration, period: HistoryPeriod): Promise<HistoryPoint[]> {
  const { hours, bucketSeconds } = HISTORY_PERIODS[period];
  const rows = await rt.warehouse.query<{ at: string; probes: number; succeeded: number; avg_ms: number | null; max_ms: number | null; throttled: number }>(
    (d) => `SELECT ${d.utcBucket('checked_at', bucketSeconds)} AS at, COUNT(*) AS probes,
        SUM(CASE WHEN ok THEN 1 ELSE 0 END) AS succeeded, AVG(response_ms) AS avg_ms, MAX(response_ms) AS max_ms,
        SUM(CASE WHEN http_status = 429 THEN 1 ELSE 0 END) AS throttled
      FROM ${d.table(integrationChecks)}
      WHERE integration = ${d.param('integration')}
        AND checked_at > ${d.timestampSub(d.param('now'), String(hours), 'hour')} AND checked_at <= ${d.param('now')}
      GROUP BY 1 ORDER BY 1`,
    { params: { integration: integration.name, now: rt.clock.now() } },
  );
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    probes: Number(r.probes),
    succeeded: Number(r.succeeded),
    successRate: Math.round((Number(r.succeeded) / Number(r.probes)) * 10_000) / 10_000,
    avgResponseMs: r.avg_ms === null ? null : Math.round(Number(r.avg_ms)),
    maxResponseMs: r.max_ms === null ? null : Number(r.max_ms),
    throttled: Number(r.throttled),
  }));
}
