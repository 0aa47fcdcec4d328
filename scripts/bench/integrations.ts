import { ManualClock } from '@shared/clock';
import { parseConfig } from '@shared/config';
import { MemoryKv } from '@shared/kv/memory';
import { createLogger } from '@shared/log';
import { createRuntime } from '@shared/runtime';
import { EnvSecrets } from '@shared/secrets/env';
import { integrationChecks, syncRuns } from '@shared/warehouse/schema/ops';
import { INTEGRATIONS } from '../../functions/ops/integrations/catalog';
import { integrationsHealth } from '../../functions/ops/integrations/health';
import { integrationMetrics } from '../../functions/ops/integrations/metrics';
import type { Benchmark, Metrics } from './benchmark';
import { latencyMetrics, timeEach } from './stats';

const NOW = Date.parse('2026-03-15T17:00:00Z');
const DAYS = 30;
const RUNS = { warmup: 3, samples: 30 };

/**
 * GET /api/integrations/health and GET /metrics as computed from the warehouse (embedded DuckDB), over a month of
 * records: a probe a minute for each probed integration (129,600 rows, one failure in 20, a 429 in 100) and a sync
 * run every 15 minutes per stream of each source.
 */
export const integrationsBenchmark: Benchmark = {
  name: 'integrations.health',
  async run() {
    const clock = new ManualClock(new Date(NOW).toISOString());
    const rt = createRuntime(parseConfig({ WAREHOUSE: 'duckdb::memory:', LOG_LEVEL: 'WARNING' }), {
      clock,
      kv: new MemoryKv(clock),
      log: createLogger({ level: 'WARNING', write: () => undefined }),
      secrets: new EnvSecrets({}),
    });
    try {
      await rt.warehouse.ensureSchema();
      const probed = INTEGRATIONS.filter((i) => i.probe);
      const minutes = DAYS * 24 * 60;
      let checks = 0;
      for (const integration of probed) {
        for (let start = 0; start < minutes; start += 10_000) {
          const rows = [];
          for (let m = start; m < Math.min(minutes, start + 10_000); m++) {
            const at = new Date(NOW - m * 60_000).toISOString();
            const throttled = m % 100 === 7;
            const failed = throttled || m % 20 === 3;
            rows.push({
              check_id: `${integration.name}:${at}`, integration: integration.name, mode: 'production', trigger: 'schedule',
              outcome: throttled ? 'throttled' : failed ? 'failing' : 'up', ok: !failed, http_status: throttled ? 429 : failed ? 503 : 200,
              response_ms: 80 + ((m * 37) % 400), auth_valid: failed ? null : true, rate_limit_remaining: 60 + (m % 30), rate_limit_limit: 90,
              retry_after_ms: throttled ? 2000 : null, token_expires_at: null, error: failed ? 'HTTP 503: unavailable' : null, checked_at: at,
            });
          }
          checks += (await rt.warehouse.append(integrationChecks, rows)).inserted;
        }
      }
      const runs = [];
      for (const source of ['square', 'lightspeed']) {
        for (const stream of ['payments', 'refunds', 'items']) {
          for (let m = 0; m < minutes; m += 15) {
            const at = new Date(NOW - m * 60_000).toISOString();
            runs.push({
              run_id: `${source}-${stream}-${m}`, request_id: null, source, stream, mode: 'incremental', status: m % 97 === 0 ? 'failed' : 'succeeded',
              rows_read: 12, rows_written: 12, rows_rejected: 0, pages: 1, api_calls: 2, retries: 0, duration_ms: 900, error: null,
              watermark_before: null, watermark_after: at, started_at: at, updated_at: at,
            });
          }
        }
      }
      await rt.warehouse.upsert(syncRuns, runs);
      const metrics: Metrics = { probe_records_count: checks, sync_run_records_count: runs.length };
      Object.assign(metrics, latencyMetrics('api_integrations_health', await timeEach(() => integrationsHealth(rt), RUNS)));
      Object.assign(metrics, latencyMetrics('metrics', await timeEach(async () => integrationMetrics(await integrationsHealth(rt)), RUNS)));
      const computed = await integrationsHealth(rt);
      Object.assign(metrics, latencyMetrics('metrics_render_only', await timeEach(() => integrationMetrics(computed), { warmup: 10, samples: 200 })));
      return metrics;
    } finally {
      await rt.warehouse.close();
    }
  },
};
