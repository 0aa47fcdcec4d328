import type { Runtime } from '@shared/runtime';
import { integrationChecks, syncRuns } from '@shared/warehouse/schema/ops';
import { type SourceHealth, checkSources } from '../source-health';
import { INTEGRATIONS, type Integration } from './catalog';
import { type HealthState, LIMITS, type ProbeRecord, evaluateHealth, quantile } from './evaluate';
import { type WebhookDeliveries, webhookDeliveries } from './webhook-deliveries';

/** Probe success over one window. */
export interface WindowRate {
  probes: number;
  succeeded: number;
  /** null when no probe ran in the window. */
  successRate: number | null;
}

export const WINDOWS = { '1h': 1, '24h': 24, '7d': 24 * 7, '30d': 24 * 30 } as const;
export type WindowName = keyof typeof WINDOWS;

/** Everything GET /api/integrations/health says about one integration. */
export interface IntegrationHealth {
  integration: string;
  label: string;
  state: HealthState;
  score: number;
  reasons: string[];
  lastProbe: (ProbeRecord & { rateLimitRemaining: number | null; rateLimitLimit: number | null }) | null;
  /** Probe response times over the last hour, ms. */
  responseMs: { p50: number | null; p95: number | null };
  successRate: Record<WindowName, WindowRate>;
  /** API calls over 24 h: sync calls (retries included) plus probes. */
  apiCalls24h: number;
  /** Probes answered 429 over 24 h. */
  throttled24h: number;
  /** Sync calls retried over 24 h (after a 429, a 5xx or a timeout). */
  syncRetries24h: number;
  tokenExpiresAt: string | null;
  sync: {
    lastSuccessfulSync: string | null;
    lagSeconds: number | null;
    streams: SourceHealth['streams'];
    successRate24h: number | null;
    rowsWritten24h: number;
    failed24h: number;
  } | null;
  webhooks: WebhookDeliveries | null;
}

interface CheckRow {
  integration: string;
  checked_at: string;
  outcome: string;
  ok: boolean;
  http_status: number | null;
  response_ms: number | null;
  auth_valid: boolean | null;
  rate_limit_remaining: number | null;
  rate_limit_limit: number | null;
  retry_after_ms: number | null;
  token_expires_at: string | null;
  error: string | null;
}

type WindowCounts = { integration: string } & Record<`probes_${string}` | `ok_${string}` | `throttled_${string}`, number>;

const windowKey = (w: WindowName) => w.replace(/\D/g, '') + w.replace(/\d/g, '');

/** The last hour's probes (newest first) and per-window counts of 30 days, both on the table's partition column. */
async function readChecks(rt: Runtime, now: Date) {
  const [recent, counts] = await Promise.all([
    rt.warehouse.query<CheckRow>(
      (d) => `SELECT integration, checked_at, outcome, ok, http_status, response_ms, auth_valid, rate_limit_remaining,
          rate_limit_limit, retry_after_ms, token_expires_at, error
        FROM ${d.table(integrationChecks)}
        WHERE checked_at > ${d.timestampSub(d.param('now'), '1', 'hour')} AND checked_at <= ${d.param('now')}
        ORDER BY checked_at DESC`,
      { params: { now } },
    ),
    rt.warehouse.query<WindowCounts>(
      (d) => `SELECT integration, ${(Object.keys(WINDOWS) as WindowName[])
        .map((w) => {
          const inWindow = `checked_at > ${d.timestampSub(d.param('now'), String(WINDOWS[w]), 'hour')}`;
          const k = windowKey(w);
          return `SUM(CASE WHEN ${inWindow} THEN 1 ELSE 0 END) AS probes_${k},
            SUM(CASE WHEN ${inWindow} AND ok THEN 1 ELSE 0 END) AS ok_${k},
            SUM(CASE WHEN ${inWindow} AND http_status = 429 THEN 1 ELSE 0 END) AS throttled_${k}`;
        })
        .join(', ')}
        FROM ${d.table(integrationChecks)}
        WHERE checked_at > ${d.timestampSub(d.param('now'), String(WINDOWS['30d']), 'hour')} AND checked_at <= ${d.param('now')}
        GROUP BY integration`,
      { params: { now } },
    ),
  ]);
  return { recent, counts };
}

/** Sync calls, 429-driven retries, rows and failures of the last 24 hours, per source. */
async function readSyncTotals(rt: Runtime, now: Date) {
  const rows = await rt.warehouse.query<{ source: string; api_calls: number; retries: number; rows_written: number; failed: number }>(
    (d) => `SELECT source, SUM(api_calls) AS api_calls, SUM(retries) AS retries, SUM(rows_written) AS rows_written,
        SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
      FROM ${d.table(syncRuns)}
      WHERE started_at >= ${d.timestampSub(d.param('now'), '24', 'hour')} AND started_at <= ${d.param('now')}
      GROUP BY source`,
    { params: { now } },
  );
  return new Map(rows.map((r) => [r.source, r]));
}

const probeRecord = (r: CheckRow): ProbeRecord => ({
  checkedAt: r.checked_at,
  outcome: r.outcome,
  ok: Boolean(r.ok),
  httpStatus: r.http_status === null ? null : Number(r.http_status),
  responseMs: r.response_ms === null ? null : Number(r.response_ms),
  authValid: r.auth_valid === null ? null : Boolean(r.auth_valid),
  retryAfterMs: r.retry_after_ms === null ? null : Number(r.retry_after_ms),
  tokenExpiresAt: r.token_expires_at,
  error: r.error,
});

/** The health of every integration (or of the named ones), computed from the records as of the runtime's clock. */
export async function integrationsHealth(rt: Runtime, only: readonly Integration[] = INTEGRATIONS): Promise<IntegrationHealth[]> {
  const now = rt.clock.now();
  const [{ recent, counts }, sources, syncTotals, deliveries] = await Promise.all([
    readChecks(rt, now),
    checkSources(rt),
    readSyncTotals(rt, now),
    webhookDeliveries(rt),
  ]);
  const recentFrom = now.getTime() - LIMITS.recentWindowMinutes * 60_000;
  return only.map((integration) => {
    const mine = recent.filter((r) => r.integration === integration.name);
    const lastHour = mine.map(probeRecord);
    const windowProbes = lastHour.filter((p) => Date.parse(p.checkedAt) > recentFrom);
    const count = counts.find((c) => c.integration === integration.name);
    const successRate = Object.fromEntries(
      (Object.keys(WINDOWS) as WindowName[]).map((w) => {
        const probes = Number(count?.[`probes_${windowKey(w)}`] ?? 0);
        const succeeded = Number(count?.[`ok_${windowKey(w)}`] ?? 0);
        return [w, { probes, succeeded, successRate: probes === 0 ? null : Math.round((succeeded / probes) * 10_000) / 10_000 }];
      }),
    ) as Record<WindowName, WindowRate>;
    const source = integration.syncSource ? sources[integration.syncSource] : undefined;
    const totals = integration.syncSource ? syncTotals.get(integration.syncSource) : undefined;
    const webhooks = deliveries.get(integration.name) ?? null;
    const verdict = evaluateHealth({
      now,
      probed: integration.probe !== undefined,
      tokenRenews: integration.tokenRenews,
      recentProbes: windowProbes,
      syncLagSeconds: source?.lagSeconds ?? null,
      syncSuccessRate: source?.runs24h.successRate ?? null,
      webhookSuccessRate: webhooks?.successRate ?? null,
    });
    const times = lastHour.map((p) => p.responseMs).filter((ms): ms is number => ms !== null);
    const latest = mine[0];
    return {
      integration: integration.name,
      label: integration.label,
      ...verdict,
      lastProbe: latest ? { ...probeRecord(latest), rateLimitRemaining: latest.rate_limit_remaining === null ? null : Number(latest.rate_limit_remaining), rateLimitLimit: latest.rate_limit_limit === null ? null : Number(latest.rate_limit_limit) } : null,
      responseMs: { p50: quantile(times, 0.5), p95: quantile(times, 0.95) },
      successRate,
      apiCalls24h: Number(totals?.api_calls ?? 0) + successRate['24h'].probes,
      throttled24h: Number(count?.throttled_24h ?? 0),
      syncRetries24h: Number(totals?.retries ?? 0),
      tokenExpiresAt: latest?.token_expires_at ?? null,
      sync: source
        ? {
            lastSuccessfulSync: source.lastSuccessfulSync,
            lagSeconds: source.lagSeconds,
            streams: source.streams,
            successRate24h: source.runs24h.successRate,
            rowsWritten24h: Number(totals?.rows_written ?? 0),
            failed24h: source.runs24h.failed,
          }
        : null,
      webhooks,
    };
  });
}
