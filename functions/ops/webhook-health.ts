import { type FunctionSpec, FUNCTIONS } from '@shared/manifest';
import type { Runtime } from '@shared/runtime';
import { TABLES } from '@shared/warehouse/schema';
import type { TableDef } from '@shared/warehouse/schema/define';

/** What /health says about webhook ingestion. */
export interface WebhookHealth {
  /** not-deployed until a webhook event ledger exists; idle when it received nothing in 24 hours. */
  status: 'not-deployed' | 'idle' | 'healthy' | 'degraded' | 'unhealthy';
  reason?: string;
  /** Events received in the last 24 hours, by processing status. */
  last24h?: { received: number; failed: number; successRate: number | null; byStatus: Record<string, number> };
  lastReceivedAt?: string | null;
}

/** The ledger the webhooks function records every received event in (SPEC §6: stored, then processed). */
export const WEBHOOK_LEDGER_NAME = 'webhook_events';
/** Statuses that count as failures: failed processing and dead-lettered events. */
const FAILED = /fail|dead/i;

/**
 * Webhook health from the event ledger over the last 24 hours: how many arrived, how many failed, when the latest
 * came. Healthy from a 90 % success rate, degraded from 50 % (SPEC §8). The read filters on the ledger's partition.
 */
export async function checkWebhooks(rt: Runtime, tables: readonly TableDef[] = TABLES, functions: readonly FunctionSpec[] = FUNCTIONS): Promise<WebhookHealth> {
  const ledger = tables.find((t) => t.name === WEBHOOK_LEDGER_NAME);
  if (!ledger) {
    const deployed = functions.some((f) => f.name === 'webhooks');
    return { status: 'not-deployed', reason: deployed ? `no ${WEBHOOK_LEDGER_NAME} ledger is defined` : 'the webhooks function is not part of this build yet' };
  }
  const at = ledger.partitionBy;
  const status = 'status' in ledger.columns ? 'status' : `'received'`;
  const rows = await rt.warehouse.query<{ status: string; events: number; latest: string }>(
    (d) => `SELECT ${status} AS status, COUNT(*) AS events, MAX(${at}) AS latest FROM ${d.table(ledger.id)}
      WHERE ${at} >= ${d.timestampSub(d.param('now'), '24', 'hour')} AND ${at} <= ${d.param('now')}
      GROUP BY 1`,
    { params: { now: rt.clock.now() } },
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.events)]));
  const received = rows.reduce((sum, r) => sum + Number(r.events), 0);
  const failed = rows.filter((r) => FAILED.test(r.status)).reduce((sum, r) => sum + Number(r.events), 0);
  const successRate = received === 0 ? null : Math.round(((received - failed) / received) * 10_000) / 10_000;
  const latest = rows.map((r) => r.latest).reduce<string | null>((a, b) => (a && a > b ? a : b), null);
  return {
    status: successRate === null ? 'idle' : successRate >= 0.9 ? 'healthy' : successRate >= 0.5 ? 'degraded' : 'unhealthy',
    last24h: { received, failed, successRate, byStatus },
    lastReceivedAt: latest,
  };
}
