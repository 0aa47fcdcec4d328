import type { Runtime } from '@shared/runtime';
import type { SourceMode } from '@shared/sources/connector';
import { CONNECTORS } from '@shared/sources/registry';
import { syncRuns, syncState } from '@shared/warehouse/schema/ops';

/** A source's state: never-synced until its first successful run. */
export type SourceStatus = 'healthy' | 'degraded' | 'unhealthy' | 'never-synced';

/** One stream's committed watermark and how far behind now it is. */
export interface StreamHealth {
  stream: string;
  watermark: string;
  lastSuccessfulSync: string | null;
  lagSeconds: number;
}

/** What /health says about one source. */
export interface SourceHealth {
  mode: SourceMode;
  status: SourceStatus;
  /** The latest successful run of any of its streams. */
  lastSuccessfulSync: string | null;
  /** How far behind now its stalest stream is: everything changed before now − lag is in the warehouse. */
  lagSeconds: number | null;
  streams: StreamHealth[];
  /** Finished runs of the last 24 hours; successRate is null when none finished. */
  runs24h: { succeeded: number; failed: number; successRate: number | null };
  lastError: { at: string; stream: string; message: string } | null;
}

/** SPEC §8: an alert fires when a sync lags more than 45 minutes; /health calls the source degraded from then on. */
export const SYNC_LAG_LIMIT_SECONDS = 45 * 60;
/** SPEC §8: healthy from a 90 % success rate, degraded from 50 %, unhealthy below. */
const SUCCESS_RATE = { healthy: 0.9, degraded: 0.5 };

interface StateRow {
  source: string;
  stream: string;
  watermark: string;
  last_success_at: string | null;
}

interface RunRow {
  source: string;
  stream: string;
  status: string;
  error: string | null;
  updated_at: string;
}

/**
 * Each source's mode, last successful sync and lag from ops.sync_state, and its success rate and latest failure over
 * the last 24 hours from ops.sync_runs, by source name. Both reads filter on the tables' partition columns.
 */
export async function checkSources(rt: Runtime): Promise<Record<string, SourceHealth>> {
  const now = rt.clock.now();
  const [states, runs] = await Promise.all([
    rt.warehouse.query<StateRow>(
      (d) => `SELECT source, stream, watermark, last_success_at FROM ${d.table(syncState)}
        WHERE updated_at <= ${d.param('now')} ORDER BY source, stream`,
      { params: { now } },
    ),
    rt.warehouse.query<RunRow>(
      (d) => `SELECT source, stream, status, error, updated_at FROM ${d.table(syncRuns)}
        WHERE started_at >= ${d.timestampSub(d.param('now'), '24', 'hour')} AND status IN ('succeeded', 'failed')`,
      { params: { now } },
    ),
  ]);
  return Object.fromEntries(
    CONNECTORS.map((connector) => [
      connector.name,
      sourceHealth(
        connector.mode(rt.config),
        states.filter((s) => s.source === connector.name),
        runs.filter((r) => r.source === connector.name),
        now,
      ),
    ]),
  );
}

function sourceHealth(mode: SourceMode, states: StateRow[], runs: RunRow[], now: Date): SourceHealth {
  const streams = states.map((s) => ({
    stream: s.stream,
    watermark: s.watermark,
    lastSuccessfulSync: s.last_success_at,
    lagSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(s.watermark)) / 1000)),
  }));
  const succeeded = runs.filter((r) => r.status === 'succeeded').length;
  const failures = runs.filter((r) => r.status === 'failed').sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
  const finished = succeeded + failures.length;
  const successRate = finished === 0 ? null : Math.round((succeeded / finished) * 10_000) / 10_000;
  const lagSeconds = streams.length ? Math.max(...streams.map((s) => s.lagSeconds)) : null;
  const successes = streams.map((s) => s.lastSuccessfulSync).filter((t): t is string => t !== null);
  return {
    mode,
    status: statusOf(lagSeconds, successRate),
    lastSuccessfulSync: successes.length ? successes.reduce((a, b) => (a > b ? a : b)) : null,
    lagSeconds,
    streams,
    runs24h: { succeeded, failed: failures.length, successRate },
    lastError: failures[0] ? { at: failures[0].updated_at, stream: failures[0].stream, message: failures[0].error ?? 'failed without a message' } : null,
  };
}

function statusOf(lagSeconds: number | null, successRate: number | null): SourceStatus {
  if (successRate !== null && successRate < SUCCESS_RATE.degraded) return 'unhealthy';
  if (lagSeconds === null) return 'never-synced';
  if (lagSeconds > SYNC_LAG_LIMIT_SECONDS || (successRate !== null && successRate < SUCCESS_RATE.healthy)) return 'degraded';
  return 'healthy';
}
