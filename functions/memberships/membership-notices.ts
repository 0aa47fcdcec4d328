import { type Notification, notify } from '@shared/notify/outbox';
import type { Runtime } from '@shared/runtime';
import { membershipEvents } from '@shared/warehouse/schema/memberships';
import { localDate } from './billing-calendar';
import { nextDunningDate } from './dunning';
import type { MembershipEventType, MembershipRow } from './membership-record';
import { centsToDollars } from './money';
import { storedCardOf } from './stored-card';

/** The message template of each change a member is told about. */
export const NOTICE_TEMPLATES: Partial<Record<MembershipEventType, string>> = {
  renewed: 'membership-renewed',
  renewal_failed: 'membership-payment-failed',
  retry_failed: 'membership-payment-retry-failed',
  suspended: 'membership-suspended',
  recovered: 'membership-payment-recovered',
  cancelled: 'membership-cancelled',
};

/** The template for a renewal that could not even be tried: no card is on file, so the member is asked for one. */
export const PAYMENT_METHOD_NEEDED_TEMPLATE = 'membership-payment-method-needed';

// Dunning steps, whose message tells the member whether a card is on file to retry.
const DUNNING_EVENTS: ReadonlySet<string> = new Set(['renewal_failed', 'retry_failed', 'suspended']);

/** Why a cancellation happened, for the cancellation message (the customer's own words are not sent around). */
export const PAYMENT_FAILED_REASON = 'payment_failed';

/**
 * The notification a ledger row calls for, or null. One per event: the dedupe key is the event id. A renewal that
 * failed because no card is on file (it could not be stored) asks the member for a payment method instead.
 */
export function membershipNotice(row: MembershipRow, timeZone: string): Notification | null {
  const standard = NOTICE_TEMPLATES[row.event_type as MembershipEventType];
  if (!standard) return null;
  const dunning = DUNNING_EVENTS.has(row.event_type);
  const cardOnFile = storedCardOf(row) !== null;
  const template = row.event_type === 'renewal_failed' && !cardOnFile ? PAYMENT_METHOD_NEEDED_TEMPLATE : standard;
  return {
    customerId: row.customer_id,
    template,
    dedupeKey: `membership:${row.event_id}`,
    data: {
      membershipId: row.membership_id,
      tier: row.pending_tier ?? row.tier,
      status: row.status,
      amount: row.amount_cents === null ? centsToDollars(row.price_cents) : centsToDollars(row.amount_cents),
      periodEnd: localDate(new Date(row.period_end), timeZone),
      nextStepDate: nextDunningDate(row, timeZone),
      cause: row.event_type === 'cancelled' ? (row.cancel_reason === PAYMENT_FAILED_REASON ? 'payment_failed' : 'customer_request') : undefined,
      paymentMethodNeeded: dunning ? !cardOnFile : undefined,
    },
  };
}

/** Queues the notification for a ledger row, if it calls for one (once: a repeat is a no-op). */
export async function sendMembershipNotice(rt: Runtime, row: MembershipRow): Promise<boolean> {
  const notice = membershipNotice(row, rt.config.BUSINESS_TIMEZONE);
  return notice ? notify(rt, notice) : false;
}

/**
 * Queues notifications for changes since `since` that have none yet: if queueing failed right after a change was
 * recorded, the next billing run sends it. Returns how many were queued.
 */
export async function sendMissedMembershipNotices(rt: Runtime, since: Date): Promise<number> {
  // Inlined: the names are constants of this module, not input.
  const types = Object.keys(NOTICE_TEMPLATES).map((t) => `'${t}'`).join(', ');
  const rows = await rt.warehouse.query<MembershipRow>(
    (d) => `SELECT ${Object.keys(membershipEvents.columns).map((c) => `e.${c}`).join(', ')}
FROM ${d.table('commerce.membership_events')} AS e
LEFT JOIN ${d.table('ops.notification_outbox')} AS o ON o.dedupe_key = CONCAT('membership:', e.event_id)
WHERE e.occurred_at >= ${d.param('since')} AND e.event_type IN (${types}) AND o.dedupe_key IS NULL
ORDER BY e.occurred_at, e.event_id`,
    { params: { since } },
  );
  let sent = 0;
  for (const row of rows) if (await sendMembershipNotice(rt, row)) sent++;
  return sent;
}
