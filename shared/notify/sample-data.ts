import type { NoticeData, NoticeKind } from './notice-kinds';

/**
 * One example of every kind, as the product would queue it: the template preview (GET /api/notifications/preview/:kind)
 * shows these, and tests and the benchmark render them. The type makes a missing kind a compile error.
 */
export const SAMPLE_DATA: { [K in NoticeKind]: NoticeData<K> } = {
  'membership-welcome': { membershipId: 'mem_sample', tier: 'SILVER', amountCents: 9700, transactionId: '60735940001', periodEndDate: '2026-03-01' },
  'membership-upgraded': { membershipId: 'mem_sample', tier: 'GOLD', amountCents: 6429, transactionId: '60735940002', periodEndDate: '2026-03-01' },
  'membership-renewed': { membershipId: 'mem_sample', tier: 'BRONZE', amountCents: 4700, transactionId: '60735940003', periodEndDate: '2026-04-01' },
  'membership-payment-failed': { membershipId: 'mem_sample', tier: 'GOLD', amountCents: 19700, nextStepDate: '2026-03-04', paymentMethodNeeded: false },
  'membership-payment-method-needed': { membershipId: 'mem_sample', tier: 'SILVER', amountCents: 9700, nextStepDate: '2026-03-04', paymentMethodNeeded: true },
  'membership-payment-retry-failed': { membershipId: 'mem_sample', tier: 'GOLD', amountCents: 19700, nextStepDate: '2026-03-08', paymentMethodNeeded: false },
  'membership-suspended': { membershipId: 'mem_sample', tier: 'GOLD', amountCents: 19700, nextStepDate: '2026-03-15', paymentMethodNeeded: false },
  'membership-payment-recovered': { membershipId: 'mem_sample', tier: 'BRONZE', amountCents: 4700, periodEndDate: '2026-04-01' },
  'membership-cancelled': { membershipId: 'mem_sample', tier: 'GOLD', cause: 'payment_failed', periodEndDate: '2026-03-01' },
  'age-verification-expiring': { verificationId: 'ver_sample', expiresAt: '2026-04-01T17:00:00.000Z', daysLeft: 29 },
  'raffle-entry-confirmed': { raffleId: 'raf_sample', raffleTitle: 'Spring glass giveaway', ticketNumbers: [17, 18, 19], amountCents: 1500, drawAt: '2026-04-01T23:00:00.000Z' },
  'raffle-winner': { raffleId: 'raf_sample', raffleTitle: 'Spring glass giveaway', ticketNumber: 18, prize: 'A hand-blown glass water pipe', drawnAt: '2026-04-01T23:00:00.000Z' },
  'raffle-runner-up': { raffleId: 'raf_sample', raffleTitle: 'Spring glass giveaway', ticketNumber: 19, rank: 1, drawnAt: '2026-04-01T23:00:00.000Z' },
  'raffle-refund': { raffleId: 'raf_sample', raffleTitle: 'Spring glass giveaway', ticketNumbers: [17], amountCents: 500, reason: 'The raffle was cancelled' },
};
