import type { Runtime } from '@shared/runtime';
import { webhookEvents } from '@shared/warehouse/schema/webhooks';

/** What /health says about webhook ingestion. */
export interface WebhookHealth {
  /** idle when nothing arrived in 24 hours; otherwise by the share of finished events that succeeded. */
  status: 'idle' | 'healthy' | 'degraded' | 'unhealthy';
  /** Events received in the last 24 hours, by processing status. */
  last24h: { received: number; failed: number; successRate: number | null; byStatus: Record<string, number> };
  lastReceivedAt: string | null;
}

/** Statuses that count as failures: processing failed (retrying) or dead-lettered. */
const FAILED = new Set(['failed', 'dead']);
/** Statuses of events still on their way: neither a success nor a failure yet. */
const PENDING = new Set(['received']);

/**
 * Webhook health from the event ledger (ops.webhook_events) over the last 24 hours: how many arrived, how many failed,
 * when the latest came. Healthy from a 90 % success rate among finished events, degraded from 50 % (SPEC §8). The
 * read filters on the ledger's partition. GET /api/webhooks/health has the per-provider detail.
 */
export async function checkWebhooks(rt: Runtime): Promise<WebhookHealth> {
  const rows = await rt.warehouse.query<{ status: string; events: number; latest: string }>(
    (d) => `SELECT status, COUNT(*) AS events, MAX(received_at) AS latest FROM ${d.table(webhookEvents)}
      WHERE received_at >= ${d.timestampSub(d.param('now'), '24', 'hour')} AND received_at <= ${d.param('now')}
      GROUP BY 1`,
    { params: { now: rt.clock.now() } },
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.events)]));
  const count = (keep: (status: string) => boolean) => rows.filter((r) => keep(r.status)).reduce((sum, r) => sum + Number(r.events), 0);
  const received = count(() => true);
  const failed = count((s) => FAILED.has(s));
  const finished = count((s) => !PENDING.has(s));
  const successRate = finished === 0 ? null : Math.round(((finished - failed) / finished) * 10_000) / 10_000;
  const latest = rows.map((r) => r.latest).reduce<string | null>((a, b) => (a && a > b ? a : b), null);
  return {
    status: received === 0 || successRate === null ? 'idle' : successRate >= 0.9 ? 'healthy' : successRate >= 0.5 ? 'degraded' : 'unhealthy',
    last24h: { received, failed, successRate, byStatus },
    lastReceivedAt: latest,
  };
}
