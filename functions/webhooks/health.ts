import type { Runtime } from '@shared/runtime';
import { webhookEvents } from '@shared/warehouse/schema/webhooks';
import { WEBHOOK_PROVIDERS } from '@shared/webhooks/providers';
import { signatureFailures } from './signature-failures';

const WINDOWS = { '1h': 1, '24h': 24, '7d': 168 } as const;
type Window = keyof typeof WINDOWS;

/** One window's figures: events received, handled (processed or ignored) and the share of finished ones that succeeded. */
export interface WindowFigures {
  received: number;
  processed: number;
  failed: number;
  successRate: number | null;
}

/** A provider's delivery health. */
export interface ProviderHealth {
  provider: string;
  lastReceivedAt: string | null;
  windows: Record<Window, WindowFigures>;
  p95ProcessingMs: number | null;
  /** Events that exhausted their attempts and wait for a replay. */
  deadLetters: number;
  signatureFailures: Record<Window, number>;
}

/** Per provider, from the ledger (over the last 7 days, on its partition) and the kv's signature-failure counts. */
export async function webhookHealth(rt: Runtime): Promise<ProviderHealth[]> {
  const windowColumns = (d: { timestampSub(ts: string, n: string, unit: 'hour'): string; param(n: string): string }) =>
    Object.entries(WINDOWS)
      .map(([name, hours]) => {
        const inside = `received_at >= ${d.timestampSub(d.param('now'), String(hours), 'hour')}`;
        const key = name.replace(/\W/g, '');
        return [
          `SUM(CASE WHEN ${inside} THEN 1 ELSE 0 END) AS received_${key}`,
          `SUM(CASE WHEN ${inside} AND status IN ('processed', 'ignored') THEN 1 ELSE 0 END) AS processed_${key}`,
          `SUM(CASE WHEN ${inside} AND status IN ('failed', 'dead') THEN 1 ELSE 0 END) AS failed_${key}`,
        ].join(',\n');
      })
      .join(',\n');
  const rows = await rt.warehouse.query<Record<string, string | number | null>>(
    (d) => `SELECT provider, MAX(received_at) AS last_received_at, ${windowColumns(d)},
        ${d.percentile('processing_ms', 95)} AS p95_ms,
        SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead
      FROM ${d.table(webhookEvents)}
      WHERE received_at >= ${d.timestampSub(d.param('now'), '168', 'hour')} AND received_at <= ${d.param('now')}
      GROUP BY provider`,
    { params: { now: rt.clock.now() } },
  );
  return Promise.all(
    WEBHOOK_PROVIDERS.map(async (provider): Promise<ProviderHealth> => {
      const row = rows.find((r) => r.provider === provider.name);
      const figures = (window: Window): WindowFigures => {
        const key = window.replace(/\W/g, '');
        const received = Number(row?.[`received_${key}`] ?? 0);
        const processed = Number(row?.[`processed_${key}`] ?? 0);
        const failed = Number(row?.[`failed_${key}`] ?? 0);
        const finished = processed + failed;
        return { received, processed, failed, successRate: finished === 0 ? null : Math.round((processed / finished) * 10_000) / 10_000 };
      };
      return {
        provider: provider.name,
        lastReceivedAt: (row?.last_received_at as string | undefined) ?? null,
        windows: { '1h': figures('1h'), '24h': figures('24h'), '7d': figures('7d') },
        p95ProcessingMs: row?.p95_ms === null || row?.p95_ms === undefined ? null : Number(row.p95_ms),
        deadLetters: Number(row?.dead ?? 0),
        signatureFailures: await signatureFailures(rt, provider.name),
      };
    }),
  );
}
