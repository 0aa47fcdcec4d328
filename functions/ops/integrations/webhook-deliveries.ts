import type { Runtime } from '@shared/runtime';
import { webhookEvents } from '@shared/warehouse/schema/webhooks';

/** Webhook deliveries of one provider over 24 hours, by processing status. */
export interface WebhookDeliveries {
  received: number;
  failed: number;
  /** Among finished events (not those still `received`); null when none finished. */
  successRate: number | null;
  byStatus: Record<string, number>;
}

/** Failed processing and dead-lettered events count against a provider; ignored ones do not. */
const FAILED = new Set(['failed', 'dead']);
/** Events still on their way: neither a success nor a failure yet. */
const PENDING = new Set(['received']);

/** Each provider's deliveries over the last 24 hours, from the webhook ledger (filtered on its partition column). */
export async function webhookDeliveries(rt: Runtime): Promise<Map<string, WebhookDeliveries>> {
  const rows = await rt.warehouse.query<{ provider: string; status: string; events: number }>(
    (d) => `SELECT provider, status, COUNT(*) AS events FROM ${d.table(webhookEvents)}
      WHERE received_at >= ${d.timestampSub(d.param('now'), '24', 'hour')} AND received_at <= ${d.param('now')} GROUP BY 1, 2`,
    { params: { now: rt.clock.now() } },
  );
  const out = new Map<string, WebhookDeliveries & { pending: number }>();
  for (const row of rows) {
    const entry = out.get(row.provider) ?? { received: 0, failed: 0, pending: 0, successRate: null, byStatus: {} };
    const events = Number(row.events);
    entry.byStatus[row.status] = events;
    entry.received += events;
    if (FAILED.has(row.status)) entry.failed += events;
    if (PENDING.has(row.status)) entry.pending += events;
    out.set(row.provider, entry);
  }
  return new Map(
    [...out].map(([provider, { pending, ...entry }]) => {
      const finished = entry.received - pending;
      return [provider, { ...entry, successRate: finished === 0 ? null : Math.round(((finished - entry.failed) / finished) * 10_000) / 10_000 }];
    }),
  );
}
