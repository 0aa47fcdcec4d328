/**
 * How a payment changes after it is created: capture, void, failure, and refunds. Generation and the mutate
 * endpoint both go through here, so a payment changed at run time looks exactly like one changed in history.
 * Fields that disappear are set to undefined rather than deleted, which keeps every payment the same shape.
 */
import { round } from './bound-globals';
import { iso } from './emulator-clock';
import type { Rng } from './random';
import { versionToken } from './square-ids';
import type { SquarePayment, SquarePaymentStatus, SquareRefund } from './wire-types';

/** Marks the payment as changed at `ms` (or at the already formatted `at`): every change gets a new version token. */
export function touchPayment(p: SquarePayment, ms: number, rng: Rng, at: string = iso(ms)): void {
  p.updated_at = at;
  p.version_token = versionToken(rng);
}

/** Square's processing fee: 2.6% + 10¢ in store, 2.9% + 30¢ online. */
export function processingFeeCents(p: SquarePayment): number {
  const online = p.application_details.square_product === 'ECOMMERCE_API';
  return online ? round(p.amount_money.amount * 0.029) + 30 : round(p.amount_money.amount * 0.026) + 10;
}

const CARD_STATUS = { COMPLETED: 'CAPTURED', CANCELED: 'VOIDED', FAILED: 'FAILED', APPROVED: 'AUTHORIZED', PENDING: 'AUTHORIZED' } as const;

/** Sets `status` and everything Square derives from it (card status, timeline, receipt, fees), changed at `ms`. */
export function setPaymentStatus(p: SquarePayment, status: SquarePaymentStatus, ms: number, rng: Rng): void {
  const at = iso(ms);
  p.status = status;
  const card = p.card_details;
  if (card) {
    card.status = CARD_STATUS[status];
    card.card_payment_timeline.captured_at = status === 'COMPLETED' ? at : undefined;
    if (status === 'CANCELED') card.card_payment_timeline.voided_at = at;
  }
  if (p.wallet_details) p.wallet_details.status = CARD_STATUS[status];
  if (status === 'FAILED') p.approved_money = undefined;
  // Square links a receipt only for completed payments and drops the receipt number of canceled ones.
  const completed = status === 'COMPLETED';
  p.receipt_url = completed ? `https://squareup.com/receipt/preview/${p.id}` : undefined;
  p.processing_fee = completed && p.source_type !== 'CASH' && p.source_type !== 'EXTERNAL'
    ? [{ effective_at: at, type: 'INITIAL', amount_money: { amount: processingFeeCents(p), currency: p.amount_money.currency } }]
    : undefined;
  p.receipt_number = status === 'CANCELED' || status === 'FAILED' ? undefined : p.id.slice(0, 4);
  touchPayment(p, ms, rng, at);
}

/** Refunds still counting against the payment: pending and completed ones (rejected and failed ones never moved money). */
const counts = (r: SquareRefund): boolean => r.status === 'PENDING' || r.status === 'COMPLETED';

/** Recomputes refunded_money and refund_ids from the payment's refunds and stamps the payment changed at `ms`. */
export function applyRefundsToPayment(p: SquarePayment, refunds: readonly SquareRefund[], ms: number, rng: Rng): void {
  p.refund_ids = refunds.map((r) => r.id);
  const amount = refunds.filter(counts).reduce((sum, r) => sum + r.amount_money.amount, 0);
  p.refunded_money = { amount, currency: p.amount_money.currency };
  touchPayment(p, ms, rng);
}

/** What is left to refund on a payment, in cents. */
export const refundableCents = (p: SquarePayment): number => p.total_money.amount - (p.refunded_money?.amount ?? 0);
