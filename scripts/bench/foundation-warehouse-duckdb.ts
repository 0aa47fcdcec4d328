import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
import { TABLES, VIEWS } from '@shared/warehouse/schema';
import { syncRuns } from '@shared/warehouse/schema/ops';
import type { Benchmark, Metrics } from './benchmark';
import { latencyMetrics, median, round, timeEach } from './stats';

type SyncRun = typeof syncRuns.row;

const BULK_ROWS = 10_000;
const BULK_RUNS = { warmup: 1, samples: 3 };

/** A plausible sync_runs row; `version` moves updated_at forward so a re-upsert takes the update path. */
function syncRun(id: string, version = 0): SyncRun {
  const started = Date.UTC(2026, 0, 1, 12);
  return {
    run_id: id,
    request_id: `request-${id}`,
    source: 'square',
    stream: 'payments',
    mode: 'incremental',
    status: 'succeeded',
    rows_read: 500,
    rows_written: 498,
    rows_rejected: 2,
    pages: 5,
    api_calls: 6,
    retries: 1,
    duration_ms: 4200,
    error: null,
    watermark_before: new Date(started - 900_000).toISOString(),
    watermark_after: new Date(started).toISOString(),
    started_at: new Date(started).toISOString(),
    updated_at: new Date(started + version * 1000).toISOString(),
  };
}

const batch = (label: string, size: number, version = 0) => Array.from({ length: size }, (_, i) => syncRun(`${label}-${i}`, version));

/** Every measurement against one database (`:memory:` or a file), named `<prefix>.<measure>`. */
async function measure(prefix: string, path: string): Promise<Metrics> {
  const warehouse = new DuckdbWarehouse(path, TABLES, VIEWS);
  const metrics: Metrics = {};
  try {
    const opened = performance.now();
    await warehouse.ping(); // the first call opens the database and creates every schema, table and view
    metrics[`${prefix}.open_and_schema_ms`] = round(performance.now() - opened);

    Object.assign(metrics, latencyMetrics(`${prefix}.ping`, await timeEach(() => warehouse.ping(), { warmup: 50, samples: 500 })));

    const bulkInsertMs = await timeEach((i) => warehouse.upsert(syncRuns, batch(`bulk${i}`, BULK_ROWS)), BULK_RUNS);
    metrics[`${prefix}.upsert_10000_new_rows_per_s`] = round(BULK_ROWS / (median(bulkInsertMs) / 1000));
    let version = 0;
    const bulkUpdateMs = await timeEach(() => warehouse.upsert(syncRuns, batch('bulk0', BULK_ROWS, ++version)), BULK_RUNS);
    metrics[`${prefix}.upsert_10000_existing_rows_per_s`] = round(BULK_ROWS / (median(bulkUpdateMs) / 1000));

    const single = await timeEach((i) => warehouse.upsert(syncRuns, [syncRun(`single-${i}`)]), { warmup: 20, samples: 200 });
    Object.assign(metrics, latencyMetrics(`${prefix}.upsert_1_row`, single));

    // A point read by primary key: each id names one of the bulk rows written above.
    const seeded = BULK_RUNS.warmup + BULK_RUNS.samples;
    const point = await timeEach(
      async (i) => {
        const id = `bulk${i % seeded}-${(i * 7919) % BULK_ROWS}`;
        const rows = await warehouse.query((d) => `SELECT run_id, status, rows_written FROM ${d.table(syncRuns)} WHERE run_id = ${d.param('id')}`, {
          params: { id },
        });
        if (rows.length !== 1) throw new Error(`point query for ${id} returned ${rows.length} rows`);
      },
      { warmup: 50, samples: 500 },
    );
    Object.assign(metrics, latencyMetrics(`${prefix}.point_query`, point));
  } finally {
    await warehouse.close();
  }
  return metrics;
}

/** Round trips of the DuckDB warehouse adapter, in memory and on a file: ping, point query, upserts of 1 and 10,000 rows. */
export const warehouseDuckdbBenchmark: Benchmark = {
  name: 'foundation.warehouse-duckdb',
  async run() {
    // The native addon loads once per process; timed on its own so it is not charged to the first database opened.
    const loading = performance.now();
    await import('@duckdb/node-api');
    const addon: Metrics = { addon_load_ms: round(performance.now() - loading) };
    const memory = await measure('memory', ':memory:');
    const dir = mkdtempSync(join(tmpdir(), 'bench-duckdb-'));
    try {
      return { ...addon, ...memory, ...(await measure('file', join(dir, 'warehouse.duckdb'))) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
