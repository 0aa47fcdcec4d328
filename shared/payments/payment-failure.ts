import { HttpError } from '../http/errors';
import type { ChargeResult } from './gateway';

/** Authorize.Net's "Invalid OTS Token." / "Expired OTS Token.": the card token is spent, expired or unknown. */
const TOKEN_REFUSED = new Set(['E00114', 'E00115']);

/** Whether a gateway reason code says the card token itself was refused (used, expired), so a new one is needed. */
export function isTokenRefused(reasonCode: string | null): boolean {
  return reasonCode !== null && TOKEN_REFUSED.has(reasonCode);
}

/**
 * The HTTP error for a charge that did not go through: 402 PAYMENT_DECLINED, 402 HELD_FOR_REVIEW (the held charge is
 * voided, so nothing is taken), 400 PAYMENT_TOKEN_INVALID (the token was already used or has expired: the payment
 * form must make a new one), or 502 GATEWAY_ERROR (nothing charged, or for a lost answer: retry with the same
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
        return new HttpError(400, 'PAYMENT_TOKEN_INVALID', 'The card token has expired or was already used; get a new one from the payment form', { details });
      }
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway could not process the payment; nothing was charged', { details });
    case 'unknown':
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway did not answer; retry with the same Idempotency-Key', { details });
    default:
      return new HttpError(502, 'GATEWAY_ERROR', 'The payment gateway could not process the payment; nothing was charged', { details });
  }
}
