import { Gauge, Registry } from 'prom-client';
import type { IntegrationHealth } from './health';
import { WINDOWS, type WindowName } from './health';

/**
 * The Prometheus exposition of integration health. A fresh registry per scrape, filled from the health answer (itself
 * computed from the warehouse records), so every instance answers the same figures and they equal /api/integrations/health.
 */
export async function integrationMetrics(health: readonly IntegrationHealth[]): Promise<{ text: string; contentType: string }> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  const up = gauge('integration_up', '1 when the latest probe succeeded, 0 when it failed (absent for push-only integrations)', ['integration']);
  const score = gauge('integration_health_score', 'Health score 0-100 (formula in docs/runbook.md)', ['integration']);
  const state = gauge('integration_state', '1 for the integration\'s current state', ['integration', 'state']);
  const response = gauge('integration_probe_response_seconds', 'Probe response time over the last hour', ['integration', 'quantile']);
  const success = gauge('integration_probe_success_ratio', 'Share of probes that succeeded', ['integration', 'window']);
  const probes = gauge('integration_probes', 'Probes run', ['integration', 'window']);
  const lag = gauge('integration_sync_lag_seconds', 'How far behind now the stalest stream is', ['integration']);
  const rows = gauge('integration_sync_rows_written_24h', 'Rows the sync wrote in 24 hours', ['integration']);
  const failures = gauge('integration_sync_failures_24h', 'Sync runs that failed in 24 hours', ['integration']);
  const calls = gauge('integration_api_calls_24h', 'API calls in 24 hours (sync and probes)', ['integration']);
  const throttled = gauge('integration_throttled_24h', 'Probes answered 429 in 24 hours', ['integration']);
  const headroom = gauge('integration_rate_limit_remaining', 'Rate-limit headroom the latest probe reported', ['integration']);
  const tokenSeconds = gauge('integration_token_expiry_timestamp_seconds', 'When the credential in use expires (Unix time)', ['integration']);
  const deliveries = gauge('integration_webhook_deliveries_24h', 'Webhook deliveries in 24 hours by processing status', ['integration', 'status']);
  const dead = gauge('integration_dead_letters_24h', 'Webhook events dead-lettered in 24 hours', ['integration']);

  for (const h of health) {
    const integration = h.integration;
    score.set({ integration }, h.score);
    for (const s of ['healthy', 'degraded', 'unhealthy', 'unknown']) state.set({ integration, state: s }, h.state === s ? 1 : 0);
    if (h.lastProbe) up.set({ integration }, h.lastProbe.ok ? 1 : 0);
    if (h.responseMs.p50 !== null) response.set({ integration, quantile: '0.5' }, h.responseMs.p50 / 1000);
    if (h.responseMs.p95 !== null) response.set({ integration, quantile: '0.95' }, h.responseMs.p95 / 1000);
    for (const window of Object.keys(WINDOWS) as WindowName[]) {
      const rate = h.successRate[window];
      probes.set({ integration, window }, rate.probes);
      if (rate.successRate !== null) success.set({ integration, window }, rate.successRate);
    }
    if (h.sync) {
      if (h.sync.lagSeconds !== null) lag.set({ integration }, h.sync.lagSeconds);
      rows.set({ integration }, h.sync.rowsWritten24h);
      failures.set({ integration }, h.sync.failed24h);
    }
    calls.set({ integration }, h.apiCalls24h);
    throttled.set({ integration }, h.throttled24h);
    if (h.lastProbe?.rateLimitRemaining != null) headroom.set({ integration }, h.lastProbe.rateLimitRemaining);
    if (h.tokenExpiresAt) tokenSeconds.set({ integration }, Date.parse(h.tokenExpiresAt) / 1000);
    if (h.webhooks) {
      for (const [status, count] of Object.entries(h.webhooks.byStatus)) deliveries.set({ integration, status }, count);
      dead.set({ integration }, h.webhooks.byStatus.dead ?? 0);
    }
  }
  return { text: await registry.metrics(), contentType: registry.contentType };
}
