import { addDays, daysBetween, localDate } from '@shared/calendar';
import type { MembershipRow } from './membership-record';

/**
 * The dunning schedule, in local calendar days after the renewal first failed (day 0, when the membership becomes
 * past_due): retry on day 3, retry on day 7 (a failure then suspends it), cancel on day 14.
 */
export const DUNNING = { firstRetryDay: 3, secondRetryDay: 7, cancelDay: 14 } as const;

/** What the billing run does to a membership in dunning today. */
export type DunningAction = { kind: 'retry'; attempt: 2 | 3 } | { kind: 'cancel' } | { kind: 'wait' };

/** Days since the renewal first failed, counted in local calendar days. */
export function dunningDay(row: MembershipRow, now: Date, timeZone: string): number {
  if (!row.past_due_since) return 0;
  return daysBetween(localDate(new Date(row.past_due_since), timeZone), localDate(now, timeZone));
}

/**
 * Today's dunning step. Each run takes at most one step per membership, and steps depend only on the state and the
 * day, so a repeated or late run neither repeats nor skips one.
 */
export function dunningAction(row: MembershipRow, now: Date, timeZone: string): DunningAction {
  const day = dunningDay(row, now, timeZone);
  if (row.status === 'past_due' && row.failed_attempts <= 1 && day >= DUNNING.firstRetryDay) return { kind: 'retry', attempt: 2 };
  if (row.status === 'past_due' && row.failed_attempts >= 2 && day >= DUNNING.secondRetryDay) return { kind: 'retry', attempt: 3 };
  if (row.status === 'suspended' && day >= DUNNING.cancelDay) return { kind: 'cancel' };
  return { kind: 'wait' };
}

/** The local date of the next dunning step (a retry, or the cancellation), null when not in dunning. */
export function nextDunningDate(row: MembershipRow, timeZone: string): string | null {
  if (!row.past_due_since) return null;
  const start = localDate(new Date(row.past_due_since), timeZone);
  if (row.status === 'past_due') return addDays(start, row.failed_attempts <= 1 ? DUNNING.firstRetryDay : DUNNING.secondRetryDay);
  if (row.status === 'suspended') return addDays(start, DUNNING.cancelDay);
  return null;
}
