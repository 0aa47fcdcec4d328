import type { Runtime } from '@shared/runtime';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const hourKey = (provider: string, hour: number) => `webhooks:signature-failures:${provider}:h:${hour}`;
const dayKey = (provider: string, day: number) => `webhooks:signature-failures:${provider}:d:${day}`;

/**
 * Counts a delivery that failed verification. Nothing of it is stored in the ledger, so the counts live in kv: by
 * hour for a day and by day for a week.
 */
export async function countSignatureFailure(rt: Runtime, provider: string): Promise<void> {
  const now = rt.clock.now().getTime();
  await Promise.all([
    rt.kv.increment(hourKey(provider, Math.floor(now / HOUR_MS)), { ttlMs: DAY_MS + HOUR_MS }),
    rt.kv.increment(dayKey(provider, Math.floor(now / DAY_MS)), { ttlMs: 8 * DAY_MS }),
  ]);
}

/** Signature failures of a provider in the current hour, the last 24 hours and the last 7 days (UTC buckets). */
export async function signatureFailures(rt: Runtime, provider: string): Promise<{ '1h': number; '24h': number; '7d': number }> {
  const now = rt.clock.now().getTime();
  const hour = Math.floor(now / HOUR_MS);
  const day = Math.floor(now / DAY_MS);
  const read = (key: string) => rt.kv.get<number>(key).then((v) => Number(v ?? 0));
  const hours = await Promise.all(Array.from({ length: 24 }, (_, i) => read(hourKey(provider, hour - i))));
  const days = await Promise.all(Array.from({ length: 7 }, (_, i) => read(dayKey(provider, day - i))));
  return { '1h': hours[0], '24h': hours.reduce((a, b) => a + b, 0), '7d': days.reduce((a, b) => a + b, 0) };
}
