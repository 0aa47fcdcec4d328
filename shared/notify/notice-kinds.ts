import { z } from 'zod';

/*
 * Every notice the product sends, with the fields its template needs. A capability queues a notice by kind through
 * `notify` (shared/notify/outbox.ts); the notifications job renders it from these fields. Amounts are integer cents and
 * times are ISO-8601 instants (or YYYY-MM-DD business-local dates where named `...Date`): the template formats them in
 * dollars and in the business time zone. No personal data goes in here: the address is sealed apart, and names of
 * people are not needed by any template.
 */

const cents = z.number().int().nonnegative();
const instant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
const tier = z.enum(['BRONZE', 'SILVER', 'GOLD']);

const membership = { membershipId: z.string().min(1), tier };

/** The data of each notice kind, checked when it is queued and again when it is rendered. */
export const NOTICE_DATA = {
  /** A new member: welcome, the tier's benefits, and the receipt of the first month's charge. */
  'membership-welcome': z.object({ ...membership, amountCents: cents, transactionId: z.string().nullable(), periodEndDate: localDate }),
  /** An upgrade took effect now: the receipt of the prorated charge. */
  'membership-upgraded': z.object({ ...membership, amountCents: cents, transactionId: z.string().nullable(), periodEndDate: localDate }),
  /** A renewal was charged. */
  'membership-renewed': z.object({ ...membership, amountCents: cents, transactionId: z.string().nullable(), periodEndDate: localDate }),
  /** Dunning step 1: the renewal charge failed; the membership is past due and will be retried. */
  'membership-payment-failed': z.object({ ...membership, amountCents: cents, nextStepDate: localDate, paymentMethodNeeded: z.literal(false) }),
  /** Dunning step 1 when no card is on file: the member is asked for a payment method. */
  'membership-payment-method-needed': z.object({ ...membership, amountCents: cents, nextStepDate: localDate, paymentMethodNeeded: z.literal(true) }),
  /** Dunning step 2: the first retry failed; one more retry on `nextStepDate`. */
  'membership-payment-retry-failed': z.object({ ...membership, amountCents: cents, nextStepDate: localDate, paymentMethodNeeded: z.boolean() }),
  /** Dunning step 3: the last retry failed; benefits are suspended and the membership ends on `nextStepDate`. */
  'membership-suspended': z.object({ ...membership, amountCents: cents, nextStepDate: localDate, paymentMethodNeeded: z.boolean() }),
  /** A past-due or suspended membership was paid after all. */
  'membership-payment-recovered': z.object({ ...membership, amountCents: cents, periodEndDate: localDate }),
  /** The membership ended: at the member's request (benefits to `periodEndDate`) or after dunning. */
  'membership-cancelled': z.object({ ...membership, cause: z.enum(['customer_request', 'payment_failed']), periodEndDate: localDate }),
  /** A customer's age verification lapses soon. */
  'age-verification-expiring': z.object({ verificationId: z.string().min(1), expiresAt: instant, daysLeft: z.number().int().nonnegative() }),
  /** Tickets bought (or a free sweepstakes entry taken): their numbers and the draw date. */
  'raffle-entry-confirmed': z.object({
    raffleId: z.string().min(1),
    raffleTitle: z.string().min(1),
    ticketNumbers: z.array(z.number().int().positive()).min(1),
    amountCents: cents,
    drawAt: instant,
  }),
  /** A winning ticket. */
  'raffle-winner': z.object({ raffleId: z.string().min(1), raffleTitle: z.string().min(1), ticketNumber: z.number().int().positive(), prize: z.string().min(1), drawnAt: instant }),
  /** A runner-up ticket: in line (`rank` 1 first) should a winner not claim the prize. */
  'raffle-runner-up': z.object({ raffleId: z.string().min(1), raffleTitle: z.string().min(1), ticketNumber: z.number().int().positive(), rank: z.number().int().positive(), drawnAt: instant }),
  /** Paid entries refunded (a cancelled raffle). */
  'raffle-refund': z.object({
    raffleId: z.string().min(1),
    raffleTitle: z.string().min(1),
    ticketNumbers: z.array(z.number().int().positive()).min(1),
    amountCents: cents,
    reason: z.string().min(1),
  }),
} as const;

/** A kind of notice. */
export type NoticeKind = keyof typeof NOTICE_DATA;

/** Every kind, in one list (templates, the console filter and tests iterate it). */
export const NOTICE_KINDS = Object.keys(NOTICE_DATA) as NoticeKind[];

/** The template fields of a kind. */
export type NoticeData<K extends NoticeKind> = z.infer<(typeof NOTICE_DATA)[K]>;

/** Whether a string names a notice kind. */
export function isNoticeKind(kind: string): kind is NoticeKind {
  return Object.hasOwn(NOTICE_DATA, kind);
}

/**
 * A notice owed to a customer, as a capability queues it. `dedupeKey` is unique per message (a second notify with the
 * same key sends nothing), e.g. `raffle-winner:<raffleId>:<ticket>`. `email` is the address the customer gave with
 * this record (a raffle purchase); it is sealed before it is stored. Without it the sender looks the customer up.
 */
export type Notice = {
  [K in NoticeKind]: { kind: K; customerId: string; dedupeKey: string; data: NoticeData<K>; email?: string };
}[NoticeKind];
