/** A refund against a payment: cash goes back over the counter at once, card refunds settle later. */
import { max, round } from './bound-globals';
import { iso } from './emulator-clock';
import type { Rng } from './random';
import { orderId, refundId } from './square-ids';
import { REFUND_REASONS } from './shop-vocabulary';
import type { SquarePayment, SquareRefund, SquareRefundStatus } from './wire-types';

/** True when the refund goes back through a processor and therefore starts PENDING. */
export const settlesLater = (p: SquarePayment): boolean => p.source_type !== 'CASH' && p.source_type !== 'EXTERNAL';

/** Drafts a refund of `cents` created at `createdMs`; card, wallet and bank refunds start PENDING. */
export function draftRefund(rng: Rng, p: SquarePayment, createdMs: number, cents: number): SquareRefund {
  const at = iso(createdMs);
  return {
    id: refundId(rng, p.id),
    status: settlesLater(p) ? 'PENDING' : 'COMPLETED',
    amount_money: { amount: cents, currency: p.amount_money.currency },
    payment_id: p.id,
    order_id: orderId(rng),
    location_id: p.location_id,
    reason: rng.pick(REFUND_REASONS),
    destination_type: p.source_type,
    created_at: at,
    updated_at: at,
  };
}

/** Moves a pending refund to its final status at `ms`. */
export function settleRefund(r: SquareRefund, status: SquareRefundStatus, ms: number): void {
  r.status = status;
  r.updated_at = iso(ms);
}

/** How much of a payment a refund returns: all that is left, or a part of it (one item of the basket). */
export function refundCents(rng: Rng, remaining: number): number {
  if (remaining <= 100 || rng.chance(0.6)) return remaining;
  return max(100, round(remaining * (0.15 + rng.next() * 0.55)));
}
