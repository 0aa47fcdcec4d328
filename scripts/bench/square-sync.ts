import { parseConfig } from '@shared/config';
import { createLogger } from '@shared/log';
import { type Runtime, createRuntime } from '@shared/runtime';
import { EnvSecrets } from '@shared/secrets/env';
import type { SourceSession } from '@shared/sources/stream';
import type { Warehouse } from '@shared/warehouse/port';
import { runStream } from '../../functions/sync/run-stream';
import { openSyncSession } from '@shared/sources/sessions';
import { startSquareEmulator } from '../emulators/square';
import type { Benchmark, Metrics } from './benchmark';
import { round } from './stats';

const PAGE_SIZE = 100;

/** A runtime on an in-memory DuckDB whose upserts are timed, syncing from the given emulator. */
function benchRuntime(url: string, token: string, maxRps: number, env: Record<string, string> = {}): { rt: Runtime; writeMs: () => number } {
  const cfg = parseConfig({ WAREHOUSE: 'duckdb::memory:', SQUARE_BASE_URL: url, SQUARE_MAX_RPS: String(maxRps), LOG_LEVEL: 'ERROR', ...env });
  const base = createRuntime(cfg, {
    log: createLogger({ level: 'ERROR' }),
    secrets: new EnvSecrets({ SQUARE_ACCESS_TOKEN: token, PII_PEPPER: 'bench-pepper-0123456789', PII_ENCRYPTION_KEYS: JSON.stringify({ current: 1, keys: { '1': Buffer.alloc(32, 1).toString('base64') } }) }),
  });
  let spent = 0;
  const warehouse: Warehouse = Object.create(base.warehouse);
  warehouse.upsert = async (table, rows) => {
    const started = performance.now();
    try {
      return await base.warehouse.upsert(table, rows);
    } finally {
      spent += performance.now() - started;
    }
  };
  return { rt: { ...base, warehouse }, writeMs: () => spent };
}

async function run(rt: Runtime, stream: string, mode: 'full' | 'incremental') {
  const deadline = Date.now() + 30 * 60_000;
  const session: SourceSession = await openSyncSession(rt, 'square', deadline);
  const started = performance.now();
  const result = await runStream(rt, session, session.streams.find((s) => s.name === stream)!, {
    request: { source: 'square', stream, mode, requestedBy: 'bench' },
    requestId: `bench-${stream}`,
    deadline,
  });
  if (result.status !== 'succeeded') throw new Error(`${stream}: ${result.error}`);
  return { result, wallMs: performance.now() - started, httpMs: session.stats.httpMs };
}

/**
 * Square sync throughput on the default emulated shop (about 100,000 payments): under a 10 requests/s ceiling as a
 * ratio of the most the ceiling allows (requests/s × page size); without a ceiling, rows/s end to end and where the
 * time goes; and an incremental run with nothing new.
 */
export const squareSyncBenchmark: Benchmark = {
  name: 'square-sync',
  async run() {
    const metrics: Metrics = {};

    const ceiling = 10;
    const limited = await startSquareEmulator({ maxRequestsPerSecond: ceiling });
    try {
      const { rt } = benchRuntime(limited.url, limited.accessToken, ceiling);
      const { result, wallMs } = await run(rt, 'payments', 'full');
      const rowsPerS = result.rows_written / (wallMs / 1000);
      Object.assign(metrics, {
        'ceiling.payments_count': result.rows_written,
        'ceiling.requests_per_s_ceiling_per_s': ceiling,
        'ceiling.throughput_rows_per_s': round(rowsPerS),
        'ceiling.throughput_of_maximum_ratio': round(rowsPerS / (ceiling * PAGE_SIZE)),
        'ceiling.rate_limited_count': limited.stats.rateLimited,
        'ceiling.wall_ms': round(wallMs),
      });
      await rt.warehouse.close();
    } finally {
      await limited.close();
    }

    const open = await startSquareEmulator();
    try {
      const { rt } = benchRuntime(open.url, open.accessToken, 10_000);
      const streams = ['locations', 'payments', 'refunds', 'items', 'customers'];
      const started = performance.now();
      const runs = await Promise.all(streams.map((s) => run(rt, s, 'full')));
      const wallMs = performance.now() - started;
      const rows = runs.reduce((n, r) => n + r.result.rows_written, 0);
      Object.assign(metrics, {
        'unlimited.rows_count': rows,
        'unlimited.wall_ms': round(wallMs),
        'unlimited.throughput_rows_per_s': round(rows / (wallMs / 1000)),
      });

      // Where the time goes, measured on payments read one window at a time, so the parts add up to the whole.
      const serial = benchRuntime(open.url, open.accessToken, 10_000, { SYNC_BACKFILL_CONCURRENCY: '1' });
      const payments = await run(serial.rt, 'payments', 'full');
      Object.assign(metrics, {
        'serial_payments.throughput_rows_per_s': round(payments.result.rows_written / (payments.wallMs / 1000)),
        'serial_payments.http_share_ratio': round(payments.httpMs / payments.wallMs),
        'serial_payments.warehouse_share_ratio': round(serial.writeMs() / payments.wallMs),
        'serial_payments.mapping_and_other_share_ratio': round(1 - (payments.httpMs + serial.writeMs()) / payments.wallMs),
      });
      await serial.rt.warehouse.close();

      const incrementalStarted = performance.now();
      const incremental = await Promise.all(streams.map((s) => run(rt, s, 'incremental')));
      Object.assign(metrics, {
        'incremental_nothing_new.wall_ms': round(performance.now() - incrementalStarted),
        'incremental_nothing_new.rows_count': incremental.reduce((n, r) => n + r.result.rows_read, 0),
        'incremental_nothing_new.api_calls_count': incremental.reduce((n, r) => n + r.result.api_calls, 0),
      });
      await rt.warehouse.close();
    } finally {
      await open.close();
    }
    return metrics;
  },
};
