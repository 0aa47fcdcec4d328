import { DAY_MS } from '@shared/calendar';
import type { Runtime } from '@shared/runtime';
import { ageVerificationAttempts, ageVerifications } from '@shared/warehouse/schema/age-verification';

/**
 * Daily job: deletes age-verification events and attempts older than AGE_VERIFICATION_RETENTION_DAYS (default 2555,
 * seven years), the audit trail's retention period. A row's age is its ledger's event time (the partition column), so
 * whole old partitions go, and a ledger never keeps a later event without the earlier ones it refers to (verifications
 * lapse after a year, long before). Idempotent.
 */
export async function ageVerificationRetention(rt: Runtime): Promise<Record<string, unknown>> {
  const cutoff = new Date(rt.clock.now().getTime() - rt.config.AGE_VERIFICATION_RETENTION_DAYS * DAY_MS);
  const params = { params: { cutoff } };
  const removed: Record<string, number> = {};
  for (const [name, table] of [
    ['attempts', ageVerificationAttempts],
    ['events', ageVerifications],
  ] as const) {
    const [{ n }] = await rt.warehouse.query<{ n: number }>(
      (d) => `SELECT COUNT(*) AS n FROM ${d.table(table.id)} WHERE ${table.partitionBy} < ${d.param('cutoff')}`,
      params,
    );
    if (Number(n) > 0) await rt.warehouse.query((d) => `DELETE FROM ${d.table(table.id)} WHERE ${table.partitionBy} < ${d.param('cutoff')}`, params);
    removed[name] = Number(n);
  }
  return { cutoff: cutoff.toISOString(), attemptsDeleted: removed.attempts, eventsDeleted: removed.events };
}
