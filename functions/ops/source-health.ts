import type { Runtime } from '@shared/runtime';
import type { SourceMode } from '@shared/sources/connector';
import { CONNECTORS } from '@shared/sources/registry';
import { syncRuns, syncState } from '@shared/warehouse/schema/ops';

/**
 * A source's state: never-synced until a stream of it first finishes, backfilling until every stream has (its figures
 * are partial meanwhile: refunds may land before the payments they refund), then by lag and success rate.
 */
export type SourceStatus = 'healthy' | 'degraded' | 'unhealthy' | 'never-synced' | 'backfilling';

/** One stream: pending until its first successful run; then its committed watermark and how far behind now it is. */
export type StreamHealth =
  | { stream: string; status: 'synced'; watermark: string; lastSuccessfulSync: string | null; lagSeconds: number }
  | { stream: string; status: 'pending'; watermark: null; lastSuccessfulSync: null; lagSeconds: null };

/** What /health says about one source. */
export interface SourceHealth {
  mode: SourceMode;
  status: SourceStatus;
  /** The latest successful run of any of its streams. */
  lastSuccessfulSync: string | null;
  /** How far behind now its stalest synced stream is: everything changed before now − lag is in the warehouse. */
  lagSeconds: number | null;
  /** Every stream of a configured source, synced or pending. */
  streams: StreamHealth[];
  /**
   * Runs of the last 24 hours that ended: succeeded, failed, or abandoned (their instance stopped before they
   * finished; the next run of the stream finds them). successRate is null when none ended.
   */
  runs24h: { succeeded: number; failed: number; abandoned: number; successRate: number | null };
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
        WHERE started_at >= ${d.timestampSub(d.param('now'), '24', 'hour')} AND status IN ('succeeded', 'failed', 'abandoned')`,
      { params: { now } },
    ),
  ]);
  return Object.fromEntries(
    CONNECTORS.map((connector) => [
      connector.name,
      sourceHealth(
        connector.mode(rt.config),
        connector.streams.map((stream) => stream.name),
        states.filter((s) => s.source === connector.name),
        runs.filter((r) => r.source === connector.name),
        now,
      ),
    ]),
  );
}

function sourceHealth(mode: SourceMode, streamNames: string[], states: StateRow[], runs: RunRow[], now: Date): SourceHealth {
  // A stream with a watermark was synced, whether or not the registry still lists it; a configured one without is pending.
  const expected = mode === 'not-configured' ? [] : streamNames;
  const names = [...new Set([...expected, ...states.map((s) => s.stream)])].sort();
  const streams = names.map((name): StreamHealth => {
    const s = states.find((state) => state.stream === name);
    if (!s) return { stream: name, status: 'pending', watermark: null, lastSuccessfulSync: null, lagSeconds: null };
    const lagSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(s.watermark)) / 1000));
    return { stream: name, status: 'synced', watermark: s.watermark, lastSuccessfulSync: s.last_success_at, lagSeconds };
  });
  const synced = streams.filter((s) => s.status === 'synced');
  const succeeded = runs.filter((r) => r.status === 'succeeded').length;
  const failures = runs.filter((r) => r.status !== 'succeeded').sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
  const abandoned = failures.filter((r) => r.status === 'abandoned').length;
  const ended = succeeded + failures.length;
  const successRate = ended === 0 ? null : Math.round((succeeded / ended) * 10_000) / 10_000;
  const lagSeconds = synced.length ? Math.max(...synced.map((s) => s.lagSeconds)) : null;
  const successes = synced.map((s) => s.lastSuccessfulSync).filter((t): t is string => t !== null);
  const pending = streams.length - synced.length;
  return {
    mode,
    status: statusOf(lagSeconds, successRate, pending),
    lastSuccessfulSync: successes.length ? successes.reduce((a, b) => (a > b ? a : b)) : null,
    lagSeconds,
    streams,
    runs24h: { succeeded, failed: failures.length - abandoned, abandoned, successRate },
    lastError: failures[0] ? { at: failures[0].updated_at, stream: failures[0].stream, message: failures[0].error ?? 'failed without a message' } : null,
  };
}

function statusOf(lagSeconds: number | null, successRate: number | null, pendingStreams: number): SourceStatus {
  if (successRate !== null && successRate < SUCCESS_RATE.degraded) return 'unhealthy';
  if (lagSeconds === null) return 'never-synced';
  if (lagSeconds > SYNC_LAG_LIMIT_SECONDS || (successRate !== null && successRate < SUCCESS_RATE.healthy)) return 'degraded';
  return pendingStreams > 0 ? 'backfilling' : 'healthy';
}
