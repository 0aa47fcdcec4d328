import type { Notice } from '@shared/notify/notice-kinds';
import { notify } from '@shared/notify/outbox';
import type { Runtime } from '@shared/runtime';
import { membershipEvents } from '@shared/warehouse/schema/memberships';
import { localDate } from '@shared/calendar';
import { nextDunningDate } from './dunning';
import type { MembershipEventType, MembershipRow } from './membership-record';
import { storedCardOf } from './stored-card';
import { notificationOutbox } from '@shared/warehouse/schema/notifications';

/** The changes a member is told about. */
const NOTICE_EVENTS = ['subscribed', 'upgraded', 'renewed', 'renewal_failed', 'retry_failed', 'suspended', 'recovered', 'cancelled'] as const satisfies MembershipEventType[];
type NoticeEvent = (typeof NOTICE_EVENTS)[number];

function isNoticeEvent(type: string): type is NoticeEvent {
  return (NOTICE_EVENTS as readonly string[]).includes(type);
}

/** Why a cancellation happened, for the cancellation message (the customer's own words are not sent around). */
export const PAYMENT_FAILED_REASON = 'payment_failed';

/**
 * The notice a ledger row calls for, or null. One per event: the dedupe key is the event id. A renewal that failed
 * because no card is on file (it could not be stored) asks the member for a payment method instead.
 */
export function membershipNotice(row: MembershipRow, timeZone: string): Notice | null {
  if (!isNoticeEvent(row.event_type)) return null;
  const base = { customerId: row.customer_id, dedupeKey: `membership:${row.event_id}` };
  const membership = { membershipId: row.membership_id, tier: (row.pending_tier ?? row.tier) as 'BRONZE' | 'SILVER' | 'GOLD' };
  const amountCents = row.amount_cents ?? row.price_cents;
  const periodEndDate = localDate(new Date(row.period_end), timeZone);
  const nextStepDate = nextDunningDate(row, timeZone) ?? periodEndDate;
  const paymentMethodNeeded = storedCardOf(row) === null;
  switch (row.event_type) {
    case 'subscribed':
      return { ...base, kind: 'membership-welcome', data: { ...membership, amountCents, transactionId: row.transaction_id, periodEndDate } };
    case 'upgraded':
      return { ...base, kind: 'membership-upgraded', data: { ...membership, amountCents: row.amount_cents ?? 0, transactionId: row.transaction_id, periodEndDate } };
    case 'renewed':
      return { ...base, kind: 'membership-renewed', data: { ...membership, amountCents, transactionId: row.transaction_id, periodEndDate } };
    case 'renewal_failed':
      return paymentMethodNeeded
        ? { ...base, kind: 'membership-payment-method-needed', data: { ...membership, amountCents, nextStepDate, paymentMethodNeeded: true } }
        : { ...base, kind: 'membership-payment-failed', data: { ...membership, amountCents, nextStepDate, paymentMethodNeeded: false } };
    case 'retry_failed':
      return { ...base, kind: 'membership-payment-retry-failed', data: { ...membership, amountCents, nextStepDate, paymentMethodNeeded } };
    case 'suspended':
      return { ...base, kind: 'membership-suspended', data: { ...membership, amountCents, nextStepDate, paymentMethodNeeded } };
    case 'recovered':
      return { ...base, kind: 'membership-payment-recovered', data: { ...membership, amountCents, periodEndDate } };
    case 'cancelled': {
      const cause = row.cancel_reason === PAYMENT_FAILED_REASON ? 'payment_failed' : 'customer_request';
      return { ...base, kind: 'membership-cancelled', data: { ...membership, cause, periodEndDate } };
    }
  }
}

/** Queues the notice for a ledger row, if it calls for one (once: a repeat is a no-op). */
export async function sendMembershipNotice(rt: Runtime, row: MembershipRow): Promise<boolean> {
  const notice = membershipNotice(row, rt.config.BUSINESS_TIMEZONE);
  return notice ? notify(rt, notice) : false;
}

/**
 * Queues notices for changes since `since` that have none yet: if queueing failed right after a change was recorded,
 * the next billing run sends it. Returns how many were queued.
 */
export async function sendMissedMembershipNotices(rt: Runtime, since: Date): Promise<number> {
  // Inlined: the names are constants of this module, not input.
  const types = NOTICE_EVENTS.map((t) => `'${t}'`).join(', ');
  const rows = await rt.warehouse.query<MembershipRow>(
    (d) => `SELECT ${Object.keys(membershipEvents.columns).map((c) => `e.${c}`).join(', ')}
FROM ${d.table(membershipEvents)} AS e
LEFT JOIN ${d.table(notificationOutbox)} AS o ON o.dedupe_key = CONCAT('membership:', e.event_id)
WHERE e.occurred_at >= ${d.param('since')} AND e.event_type IN (${types}) AND o.dedupe_key IS NULL
ORDER BY e.occurred_at, e.event_id`,
    { params: { since } },
  );
  let sent = 0;
  for (const row of rows) if (await sendMembershipNotice(rt, row)) sent++;
  return sent;
}
