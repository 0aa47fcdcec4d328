import type { Runtime } from '@shared/runtime';
import { startOfNextLocalDay, DAY_MS } from '@shared/calendar';
import { type BillingStepResult, billMembership } from './billing-step';
import { withCustomerLock } from './customer-lock';
import { sendMissedMembershipNotices } from './membership-notices';
import { membershipsToBill } from './membership-store';

/** Memberships billed at once: gateway calls dominate, and the gateway is happier with a few than with hundreds. */
const CONCURRENCY = 4;
/** How far back the run looks for changes whose notification was not queued. */
const NOTICE_CATCH_UP_MS = 3 * DAY_MS;

/**
 * The daily membership billing run (job `membership-billing`): renewals due today (local time), dunning retries on
 * days 3 and 7, suspension, cancellation on day 14, and memberships whose cancellation takes effect. Safe to run
 * again: every step depends on the recorded state and the day. It throws (so Pub/Sub redelivers within minutes) when a
 * membership failed or a charge's answer was lost, because a prompt retry of the same invoice is what lets the
 * gateway recognise a charge it already made.
 */
export async function runMembershipBilling(rt: Runtime): Promise<Record<string, unknown>> {
  const now = rt.clock.now();
  const log = rt.log.child({ job: 'membership-billing' });
  const due = await membershipsToBill(rt, startOfNextLocalDay(now, rt.config.BUSINESS_TIMEZONE));
  const counts: Partial<Record<BillingStepResult | 'failed', number>> = {};
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const membership = due[next++];
      let result: BillingStepResult | 'failed';
      try {
        result = await withCustomerLock(rt, membership.customer_id, () => billMembership(rt, membership.membership_id, now), { waitMs: 5_000 });
      } catch (error) {
        log.error('membership billing step failed', { membershipId: membership.membership_id, error });
        result = 'failed';
      }
      counts[result] = (counts[result] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
  const noticesCaughtUp = await sendMissedMembershipNotices(rt, new Date(now.getTime() - NOTICE_CATCH_UP_MS));
  const summary = { examined: due.length, ...counts, noticesCaughtUp };
  const unfinished = (counts.failed ?? 0) + (counts.payment_unknown ?? 0);
  if (unfinished > 0) throw new Error(`membership billing left ${unfinished} of ${due.length} memberships unfinished: ${JSON.stringify(summary)}`);
  return summary;
}
