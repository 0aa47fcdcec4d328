import { HttpError } from '../http/errors';
import type { ChargeResult } from './gateway';

/**
 * Reason codes that refuse the card token itself, so the payment form must make a new one: "Invalid OTS Token." and
 * "Expired OTS Token." (spent, expired or unknown), and 153 "There was an error processing the payment data." (the
 * gateway could not read the opaque data it was sent). The client's fault, never the gateway's.
 */
const TOKEN_REFUSED = new Set(['E00114', 'E00115', '153']);

/** Whether a gateway reason code says the card token itself was refused (unreadable, used, expired). */
export function isTokenRefused(reasonCode: string | null): boolean {
  return reasonCode !== null && TOKEN_REFUSED.has(reasonCode);
}

/** What a customer is told when the card token is refused. */
export const TOKEN_INVALID_MESSAGE = 'The card token is not valid, has expired or was already used; get a new one from the payment form';

/**
 * The HTTP error for a charge that did not go through: 402 PAYMENT_DECLINED, 402 HELD_FOR_REVIEW (the held charge is
 * voided, so nothing is taken), 400 PAYMENT_TOKEN_INVALID (the token is unreadable, was already used or has
 * expired: the payment form must make a new one), or 502 GATEWAY_ERROR (nothing charged, or for a lost answer: retry with the same
 * Idempotency-Key, which the gateway recognises instead of charging again).
 */
export function paymentFailureError(result: ChargeResult & { paymentId: string }): HttpError {
  const details = { paymentId: result.paymentId, outcome: result.outcome, reasonCode: result.reasonCode, transactionId: result.transactionId };
  switch (result.outcome) {
    case 'declined':
      return new HttpError(402, 'PAYMENT_DECLINED', 'The card was declined', { details });
    case 'held_for_review':
      return new HttpError(402, 'HELD_FOR_REVIEW', 'The payment was held for review and has not been taken; please use another card', { details });
    case 'error':
      if (isTokenRefused(result.reasonCode)) {
        return new HttpError(400, 'PAYMENT_TOKEN_INVALID', TOKEN_INVALID_MESSAGE, { details });
      }
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway could not process the payment; nothing was charged', { details });
    case 'unknown':
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway did not answer; retry with the same Idempotency-Key', { details });
    default:
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway could not process the payment; nothing was charged', { details });
  }
}
