import { HttpError } from '../http/errors';
import type { ChargeResult } from './gateway';

/**
 * The HTTP error for a charge that did not go through: 402 PAYMENT_DECLINED, 402 HELD_FOR_REVIEW (the held charge is
 * voided, so nothing is taken), or 502 GATEWAY_ERROR (nothing charged, or for a lost answer: retry with the same
 * Idempotency-Key, which the gateway recognises instead of charging again).
 */
export function paymentFailureError(result: ChargeResult & { paymentId: string }): HttpError {
  const details = { paymentId: result.paymentId, outcome: result.outcome, reasonCode: result.reasonCode, transactionId: result.transactionId };
  switch (result.outcome) {
    case 'declined':
      return new HttpError(402, 'PAYMENT_DECLINED', 'The card was declined', { details });
    case 'held_for_review':
      return new HttpError(402, 'HELD_FOR_REVIEW', 'The payment was held for review and has not been taken; please use another card', { details });
    case 'unknown':
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway did not answer; retry with the same Idempotency-Key', { details });
    default:
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway could not process the payment; nothing was charged', { details });
  }
}
