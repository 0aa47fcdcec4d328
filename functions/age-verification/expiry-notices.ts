import { DAY_MS } from '@shared/calendar';
import { EXPIRY_NOTICE_DAYS } from '@shared/age-check/current-verification';
import { notify } from '@shared/notify/outbox';
import type { Runtime } from '@shared/runtime';
import { ageVerificationCurrent } from '@shared/warehouse/schema/age-verification';
import { notificationOutbox } from '@shared/warehouse/schema/notifications';

/** The outbox key that makes the notice go out once per verification, however often the job runs. */
export function expiryNoticeKey(verificationId: string): string {
  return `verification-expiry:${verificationId}`;
}

interface DueRow {
  customer_id: string;
  verification_id: string;
  expires_at: string;
}

/**
 * Daily job: queues a notice for every customer whose current verification lapses within 30 days, once each. Already
 * notified verifications are left out by the query, so a run only does work for the ones that newly came due; the
 * outbox key keeps it once-only even when two runs overlap. Revoked and erased customers are not current, so never
 * notified.
 */
export async function verificationExpiryNotices(rt: Runtime): Promise<Record<string, unknown>> {
  const now = rt.clock.now();
  const until = new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY_MS);
  const due = await rt.warehouse.query<DueRow>(
    (d) => `SELECT c.customer_id, c.verification_id, c.expires_at
FROM ${d.table(ageVerificationCurrent)} AS c
LEFT JOIN ${d.table(notificationOutbox)} AS o ON o.dedupe_key = CONCAT('verification-expiry:', c.verification_id)
WHERE c.expires_at > ${d.param('now')} AND c.expires_at <= ${d.param('until')} AND o.dedupe_key IS NULL
ORDER BY c.expires_at`,
    { params: { now, until } },
  );
  let notified = 0;
  for (const row of due) {
    const queued = await notify(rt, {
      customerId: row.customer_id,
      kind: 'age-verification-expiring',
      dedupeKey: expiryNoticeKey(row.verification_id),
      data: {
        verificationId: row.verification_id,
        expiresAt: row.expires_at,
        daysLeft: Math.ceil((Date.parse(row.expires_at) - now.getTime()) / DAY_MS),
      },
    });
    if (queued) notified++;
  }
  return { due: due.length, notified };
}
